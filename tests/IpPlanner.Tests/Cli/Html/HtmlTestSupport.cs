using System.CommandLine;
using System.Xml;
using System.Xml.Linq;
using IpPlanner.Cli;
using IpPlanner.Cli.Commands;
using IpPlanner.Cli.Output.Html;
using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli.Html;

/// <summary>A clock that always says the same time, so two reports can be compared byte for byte.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Loading samples, rendering their HTML reports and reading them back as XML.</summary>
internal static class HtmlTestSupport
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);


    /// <summary>The plan of a scenario and its HTML, as <c>plan --html</c> makes them, at a fixed time.</summary>
    public static (PlanReport Report, ClusterState Planned, string Html) Render(ProvisionedScenario scenario, DateTimeOffset? time = null)
    {
        var report = CapacityPlanner.Plan(scenario);
        var planned = ClusterState.BuildPlanned(scenario);
        var run = new ReportRun([new ReportInput("Scenario", "test.yaml", new string('0', 64))], "0.0.0-test", time ?? Noon);
        return (report, planned, PlanHtml.Create(report).Render(run));
    }

    /// <summary>Parses the report as XML: it only works if every element is closed and every entity is numeric.</summary>
    public static XDocument ParseXhtml(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    /// <summary>Runs <c>ipplanner plan</c> in-process with <paramref name="clock"/> stamping the HTML report.</summary>
    public static CliRun RunPlan(TimeProvider clock, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, isTerminal: false);
        var root = new RootCommand();
        root.Subcommands.Add(PlanCommand.Create(context, clock));
        var code = root.Parse(["plan", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh empty directory for one test's files.</summary>
    public static string FreshDirectory()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "html-tests", TestContext.CurrentContext.Test.ID);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }
}
