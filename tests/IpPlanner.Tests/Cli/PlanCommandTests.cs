using System.Text.Json;
using IpPlanner.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

public class PlanCommandTests
{
    private static IEnumerable<string> Samples() =>
        Directory.GetFiles(SamplesDirectory, "*.yaml").Select(Path.GetFileName)!;

    [TestCaseSource(nameof(Samples))]
    public void Plan_EverySample_PlansWithoutError(string sample)
    {
        var run = CliRun.Of("plan", Sample(sample), "-o", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.That(doc.RootElement.GetProperty("subnets").GetArrayLength(), Is.GreaterThan(0));
        foreach (var subnet in doc.RootElement.GetProperty("subnets").EnumerateArray())
        {
            var usedBy = subnet.GetProperty("usedBy").EnumerateObject().Sum(p => p.Value.GetInt32());
            Assert.That(usedBy, Is.EqualTo(subnet.GetProperty("used").GetInt32()), $"{sample} {subnet.GetProperty("id")}: usedBy adds up to used");
        }
    }

    [Test]
    public void Plan_Table_ShowsTheVerdictLine()
    {
        var run = CliRun.Of("plan", Sample("near-exhaustion.yaml"));
        // Node 24 of crm is the first that cannot get its pods (derived in
        // SimulationTests.ScaleCurve_ExhaustionPoint_EqualsThePlansFirstExhausted), so 23 nodes of 15 pods fit: 345 pods.
        Assert.That(run.Out, Does.Contain("Verdict: 345 pods fit when every node group grows toward maxNodes (crm 23 nodes); then subnet subnet-nodes-1c runs out at node 24 of group crm (addresses"));
    }

    [Test]
    public void Plan_FailOnWarning_ExitsOneWhenWarningsExist()
    {
        Assert.That(CliRun.Of("plan", Sample("near-exhaustion.yaml"), "--fail-on", "warning").ExitCode, Is.EqualTo(ExitCodes.Findings));
        Assert.That(CliRun.Of("plan", Sample("small-3az.yaml"), "--fail-on", "warning").ExitCode, Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public void Plan_NodePoolLeavesPodsPending_IsAnErrorFinding_FailOnFails()
    {
        // karpenter-nodepool.yaml: 400 pods of 500m CPU, limits cpu 200. Its m5a.2xlarge nodes (8 vCPUs) hold 15
        // such pods each (README of the sample: limited by allocatable CPU); 200 / 8 = 25 nodes, 25 x 15 = 375 pods,
        // so 25 stay pending. Before, this "does not fit now" plan had only info findings: a green OK badge, and
        // --fail-on warning exited 0.
        var run = CliRun.Of("plan", Sample("karpenter-nodepool.yaml"), "--fail-on", "warning");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Findings));
        Assert.That(run.Out, Does.Contain("  error   pods-pending: NodePool default leaves 25 of 400 pending pods unscheduled: its limits (cpu 200, memory 800Gi) stop it"));

        // 200 pods: 14 nodes (112 vCPUs) hold them, nothing pending, no such finding.
        var fits = LoadText(File.ReadAllText(Sample("karpenter-nodepool.yaml")).Replace("pods: { count: 400,", "pods: { count: 200,", StringComparison.Ordinal), "k.yaml");
        Assert.That(IpPlanner.Core.Planning.CapacityPlanner.Plan(fits.Provisioned!).Warnings.Select(w => w.Code), Does.Not.Contain("pods-pending"));
    }

    [Test]
    public void Plan_Markdown_HasTablesAndAssumptions()
    {
        var run = CliRun.Of("plan", Sample("small-3az.yaml"), "-o", "markdown");
        Assert.That(run.Out, Does.Contain("| subnet | zone |").And.Contain("Assumptions"));
    }

    [Test]
    public void Plan_InvalidScenario_OneLineErrorExit2()
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "bad-plan.yaml");
        File.WriteAllText(file, "cluster: { name: x }\nvpc: { cidrs: [10.0.0.5/16] }\nsubnets: []\n");
        var run = CliRun.Of("plan", file);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("bad-plan.yaml:"));
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void Plan_Json_PrintsApostrophesPlusAndSectionSignsLiterally()
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "quotes-plan.yaml");
        File.WriteAllText(file, File.ReadAllText(Sample("small-3az.yaml")).Replace("name: shop-prod", "name: o'neil+c-\u00a7shop-prod", StringComparison.Ordinal));
        var run = CliRun.Of("plan", file, "-o", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Does.Not.Contain("\\u0027").And.Not.Contain("\\u002B").And.Not.Contain("\\u00A7"));
        Assert.That(run.Out, Does.Contain("o'neil+c-").And.Contain("\u00a7"), "the scenario's name as written");
        using var doc = JsonDocument.Parse(run.Out);
        Assert.That(doc.RootElement.GetProperty("cluster").GetProperty("name").GetString(), Does.StartWith("o'neil+c-"));
    }

    [TestCase("plan")]
    [TestCase("recommend")]
    [TestCase("validate")]
    public void Json_EveryVerb_UsesTheSameRelaxedEscaping(string verb)
    {
        var run = CliRun.Of(verb, Sample("near-exhaustion.yaml"), "-o", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Does.Not.Match(@"\\u00[0-9A-F]{2}"));
        using var doc = JsonDocument.Parse(run.Out);
    }

    [TestCase("plan")]
    [TestCase("simulate")]
    [TestCase("recommend")]
    public void BadYaml_SaysErrorOnce_FileLineColumnThenTheParserMessage(string verb)
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "bad-syntax.yaml");
        File.WriteAllText(file, "cluster:\n  name: x\nvpc: [\n");
        var run = CliRun.Of(verb, file);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Match($@"^ipplanner: error: {System.Text.RegularExpressions.Regex.Escape(file)}:4:1: while parsing [^\n]*\n$"));
        Assert.That(run.Error.Split("error:"), Has.Length.EqualTo(2), "one 'error:' on the line");
    }
}
