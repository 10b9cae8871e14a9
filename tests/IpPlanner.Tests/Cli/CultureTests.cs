using System.Globalization;
using System.Text.RegularExpressions;
using IpPlanner.Tests.Cli.Html;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>
/// Issue 15: numbers never depend on the machine's culture. The test project runs with ICU on (InvariantGlobalization
/// false in its csproj), so under de-DE a careless "{n:N0}" prints 1.234 and "{x:0.0}" prints 0,5; every verb must
/// print the same bytes as under the invariant culture.
/// </summary>
[NonParallelizable]
public class CultureTests
{
    private static readonly CultureInfo s_german = CultureInfo.GetCultureInfo("de-DE");


    [Test]
    public void GermanCulture_IcuIsReallyOn_FormatsTheGermanWay()
    {
        // Without ICU (invariant globalization) de-DE would silently format like the invariant culture and the
        // comparison below would prove nothing.
        Assert.That(CultureInfo.GetCultureInfo("de-DE").NumberFormat.NumberDecimalSeparator, Is.EqualTo(","));
        Assert.That(1234.5.ToString("N1", s_german), Is.EqualTo("1.234,5"));
    }

    private static IEnumerable<TestCaseData> Commands()
    {
        foreach (var path in Directory.GetFiles(SamplesDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            // A NodePool's sample has no node group of its own: its first group is one of its NodeClaims'.
            var group = LoadFile(path).Provisioned!.AllNodeGroups[0];
            yield return new TestCaseData((object)new[] { "plan", path }).SetArgDisplayNames($"plan {name}");
            yield return new TestCaseData((object)new[] { "plan", path, "-o", "markdown" }).SetArgDisplayNames($"plan markdown {name}");
            yield return new TestCaseData((object)new[] { "plan", path, "-o", "json" }).SetArgDisplayNames($"plan json {name}");
            yield return new TestCaseData((object)new[] { "validate", path }).SetArgDisplayNames($"validate {name}");
            yield return new TestCaseData((object)new[] { "simulate", path, "--scale", $"{group.Name}=0..{group.MaxNodes + 5}" })
                .SetArgDisplayNames($"simulate scale {name}");
            yield return new TestCaseData((object)new[] { "recommend", path }).SetArgDisplayNames($"recommend {name}");
        }

        // Runway, recommend --runway and their messages: GrowthRate, Runway, Recommender and the bounds format numbers
        // of thousands and more (1,000,000 read 1.000.000 under de-DE with ICU before).
        var runway = Path.Combine(SamplesDirectory, "runway.yaml");
        yield return new TestCaseData((object)new[] { "runway", runway, "--runs", "20" }).SetArgDisplayNames("runway");
        yield return new TestCaseData((object)new[] { "runway", runway, "--growth", "web=+1000%/month" }).SetArgDisplayNames("runway saturated");
        yield return new TestCaseData((object)new[] { "runway", runway, "--growth", "web=+2000000/month" }).SetArgDisplayNames("runway rate too large");
        yield return new TestCaseData((object)new[] { "recommend", runway, "--runway", "12" }).SetArgDisplayNames("recommend runway");
        var churn = Path.Combine(SamplesDirectory, "churn.yaml");
        yield return new TestCaseData((object)new[] { "simulate", churn, "--duration", "10m", "--runs", "3", "--seed", "5" }).SetArgDisplayNames("simulate churn");
        yield return new TestCaseData((object)new[] { "node", "--instance-type", "m5.large", "--pods", "20" }).SetArgDisplayNames("node");
        yield return new TestCaseData((object)new[] { "node", "--instance-type", "c5.4xlarge", "--pods", "70", "--prefix-delegation" }).SetArgDisplayNames("node prefix");
        yield return new TestCaseData((object)new[] { "maxpods", "--instance-type", "m5.large" }).SetArgDisplayNames("maxpods");
        yield return new TestCaseData((object)new[] { "catalog" }).SetArgDisplayNames("catalog");
        string Aws(string file) => Path.Combine(SamplesDirectory, "aws", file);
        yield return new TestCaseData((object)new[]
        {
            "import", "--cluster", Aws("cluster.json"), "--vpcs", Aws("vpcs.json"), "--subnets", Aws("subnets.json"),
            "--network-interfaces", Aws("network-interfaces.json"), "--instances", Aws("instances.json"),
            "--cidr-reservations", Aws("cidr-reservations-pods-eu-west-1b.json"), "--eniconfigs", Aws("eniconfigs.yaml"),
            "--aws-node", Aws("aws-node.json"),
        }).SetArgDisplayNames("import");
        // A usage error: System.CommandLine's message follows the UI culture unless the CLI pins it.
        yield return new TestCaseData((object)new[] { "plan" }).SetArgDisplayNames("usage error");
    }

    [TestCaseSource(nameof(Commands))]
    public void Cli_GermanCultureWithIcu_SameBytesAsInvariant(string[] args)
    {
        var invariant = InCulture(CultureInfo.InvariantCulture, () => CliRun.Of(args));
        var german = InCulture(s_german, () => CliRun.Of(args));
        Assert.That(invariant.ExitCode, Is.Not.EqualTo(70), invariant.Error);
        Assert.That(german.Out, Is.EqualTo(invariant.Out));
        Assert.That((german.ExitCode, german.Error), Is.EqualTo((invariant.ExitCode, invariant.Error)));
    }

    [Test]
    public void PlanHtml_GermanCultureWithIcu_SameBytesAsInvariant()
    {
        var directory = HtmlTestSupport.FreshDirectory();
        var clock = new FixedClock(HtmlTestSupport.Noon);
        var sample = Sample("near-exhaustion.yaml");
        string Render(CultureInfo culture, string file) => InCulture(culture, () =>
        {
            var path = Path.Combine(directory, file);
            var run = HtmlTestSupport.RunPlan(clock, sample, "--html", path);
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            return File.ReadAllText(path);
        });

        var invariant = Render(CultureInfo.InvariantCulture, "invariant.html");
        var german = Render(s_german, "german.html");
        Assert.That(german, Does.Contain("23 nodes"));
        Assert.That(german, Is.EqualTo(invariant));
    }

    [TestCase("runway", "runway.yaml")]
    [TestCase("simulate", "near-exhaustion.yaml", "--scale", "crm=0..30")]
    public void SvgChart_GermanCultureWithIcu_SameBytesAsInvariant(string verb, string sample, params string[] rest)
    {
        // ScottPlot formats its tick labels with the current culture unless told otherwise: "1.000" under de-DE.
        var directory = HtmlTestSupport.FreshDirectory();
        string Render(CultureInfo culture, string file) => InCulture(culture, () =>
        {
            var path = Path.Combine(directory, file);
            var run = CliRun.Of([verb, Sample(sample), .. rest, "--plot", path]);
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            return File.ReadAllText(path);
        });

        // ScottPlot numbers its clip paths from a process-wide counter: the ids differ from run to run, in any culture.
        static string ClipIdsOut(string svg) => Regex.Replace(svg, "cl_[0-9a-f]+", "cl_N");
        var invariant = ClipIdsOut(Render(CultureInfo.InvariantCulture, "invariant.svg"));
        var german = ClipIdsOut(Render(s_german, "german.svg"));
        Assert.That(german, Is.EqualTo(invariant));
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> body)
    {
        var (current, ui, defaultCulture, defaultUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture,
            CultureInfo.DefaultThreadCurrentCulture, CultureInfo.DefaultThreadCurrentUICulture);
        try
        {
            // Worker threads of the Monte Carlo runs take the default thread culture.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
            return body();
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.DefaultThreadCurrentCulture = defaultCulture;
            CultureInfo.DefaultThreadCurrentUICulture = defaultUi;
        }
    }
}
