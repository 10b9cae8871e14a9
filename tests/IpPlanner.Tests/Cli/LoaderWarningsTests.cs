using IpPlanner.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>plan, simulate and recommend show the scenario loader's warnings and build their HTML reports the same way.</summary>
public class LoaderWarningsTests
{
    private static string Work(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        File.Delete(path);
        return path;
    }

    /// <summary>The prefix-delegation sample on CNI 1.8.0: loads with a warning that 1.8.0 ignores prefix delegation.</summary>
    private static string OldCniScenario()
    {
        var path = Work("pd-cni-1.8.0.yaml");
        File.WriteAllText(path, File.ReadAllText(Sample("prefix-delegation.yaml")).Replace("version: 1.19.2", "version: 1.8.0", StringComparison.Ordinal));
        return path;
    }

    private static string TypesFile()
    {
        var path = Work("loader-types.json");
        File.WriteAllText(path, """
            {"InstanceTypes": [{"InstanceType": "m9z.large", "Hypervisor": "nitro", "BareMetal": false,
              "VCpuInfo": {"DefaultVCpus": 2},
              "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10, "DefaultNetworkCardIndex": 0,
                "NetworkCards": [{"NetworkCardIndex": 0, "MaximumNetworkInterfaces": 3}]}}]}
            """);
        return path;
    }

    private static IEnumerable<TestCaseData> Verbs()
    {
        yield return new TestCaseData((object)new[] { "plan" }).SetName("Html_Plan_HasLoaderWarningAndInstanceTypes");
        yield return new TestCaseData((object)new[] { "simulate", "--scale", "search=0..3" }).SetName("Html_Simulate_HasLoaderWarningAndInstanceTypes");
        yield return new TestCaseData((object)new[] { "recommend" }).SetName("Html_Recommend_HasLoaderWarningAndInstanceTypes");
    }

    [TestCaseSource(nameof(Verbs))]
    public void Html_EveryVerb_CarriesTheLoaderWarningsAndEveryInputFile(string[] verb)
    {
        var html = Work($"loader-{verb[0]}.html");
        var run = CliRun.Of([verb[0], OldCniScenario(), .. verb[1..], "--instance-types", TypesFile(), "--html", html]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        var text = File.ReadAllText(html);
        Assert.That(text, Does.Contain("prefix-delegation-version").And.Contain("1.8.0 ignores it"));
        Assert.That(text, Does.Contain("Instance types").And.Contain("loader-types.json"));
    }

    [TestCase("simulate", "--scale", "search=0..3")]
    [TestCase("recommend")]
    public void Text_SimulateAndRecommend_PrintTheLoaderWarningsToStderr(string verb, params string[] rest)
    {
        var run = CliRun.Of([verb, OldCniScenario(), .. rest]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Error, Does.Contain("ipplanner: warning: prefix-delegation-version: prefix delegation needs VPC CNI 1.9.0 or later; 1.8.0 ignores it"));
        Assert.That(run.Out, Does.Not.Contain("prefix-delegation-version"), "stdout stays the verb's own output");
    }

    [Test]
    public void Text_CleanScenario_PrintsNothingToStderr()
    {
        var run = CliRun.Of("recommend", Sample("small-3az.yaml"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Error, Is.Empty);
    }
}
