using System.Text.Json;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary><c>ipplanner runway</c> in-process: flags, JSON shape, determinism and errors.</summary>
public class RunwayCommandTests
{
    [Test]
    public void Runway_UncertainGrowthSameSeed_SameJsonByteForByte()
    {
        var args = new[] { "runway", Sample("near-exhaustion.yaml"), "--growth", "crm=+15±10/month", "--months", "12", "--runs", "30", "--seed", "5", "-o", "json" };
        var first = CliRun.Of(args);
        var second = CliRun.Of(args);
        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(second.Out, Is.EqualTo(first.Out));
        using var json = JsonDocument.Parse(first.Out);
        Assert.That(json.RootElement.GetProperty("firstExhaustedPercentiles").GetProperty("p50").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public void Runway_Json_NamesTheMonthsAndNullBeyondTheHorizon()
    {
        // simulate --scale crm=0..30 on this sample runs subnet-nodes-1c out at node 24 (README): 315 pods + 15 a month
        // need 24 nodes of 15 pods at 360 pods, month 3. The public subnets hold no nodes and never run out.
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"), "--growth", "crm=+15/month", "--months", "12", "-o", "json");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var first = root.GetProperty("firstExhausted");
        Assert.That((first.GetProperty("subnet").GetString(), first.GetProperty("month").GetInt32(), first.GetProperty("reason").GetString()),
            Is.EqualTo(("subnet-nodes-1c", 3, "addresses")));
        var publicSubnet = root.GetProperty("subnets").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "subnet-public-1a");
        Assert.That(publicSubnet.GetProperty("runsOutInMonth").ValueKind, Is.EqualTo(JsonValueKind.Null));

        // maxNodes 30: 315 + 15m > 450 pods first at m = 10.
        Assert.That(root.GetProperty("nodeGroups")[0].GetProperty("maxNodesReachedInMonth").GetInt32(), Is.EqualTo(10));
    }

    [TestCase("crm=+15/week")]
    [TestCase("crm")]
    [TestCase("crm=fast")]
    [TestCase("nosuch=+1/month")]
    public void Runway_BadGrowth_OneLineExitTwo(string growth)
    {
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"), "--growth", growth);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("ipplanner: error: --growth").And.Not.Contains("   at "));
    }

    [Test]
    public void Runway_NoGrowth_ExitTwoSaysHow()
    {
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--growth GROUP=+N/month"));
    }

    [Test]
    public void Runway_Table_VerdictNamesTheMonth()
    {
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"), "--growth", "crm=+15/month", "--months", "12");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain("Verdict: subnet subnet-nodes-1c runs out first, in month 3,"));
        Assert.That(run.Out, Does.Contain("not within 12 months"));
    }

    [Test]
    public void Runway_GrowthFlagNamesANodePool_TableHasThePoolAndItsLimitsMonth()
    {
        // samples/karpenter-nodepool.yaml: 375 of 400 pods run on 25 m5a.2xlarge (8 vCPUs each, 200 = limits.cpu), so
        // the limits already leave 25 pods pending now (month 0); +40 a month adds only pending pods: 400 + 40 x 12 =
        // 880 asked after 12 months, 880 - 375 = 505 pending, still 375 pods running on 25 nodes.
        var run = CliRun.Of("runway", Sample("karpenter-nodepool.yaml"), "--growth", "default=+40/month", "--months", "12");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain("Growth: NodePool default +40/month"));
        var row = run.Out.Split('\n').Single(l => l.StartsWith("default ", StringComparison.Ordinal));
        Assert.That(row.Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()),
            Is.EqualTo(new[] { "default", "+40/month", "400", "25", "cpu 200, memory 800Gi", "month 0", "880", "505", "375", "25" }));
        Assert.That(run.Out, Does.Contain("NodePool default reaches its limits (cpu 200, memory 800Gi) in month 0 and leaves pods pending"));
    }

    [Test]
    public void Runway_GrowthFlagUnknownName_ListsGroupsAndNodePools()
    {
        var run = CliRun.Of("runway", Sample("karpenter-nodepool.yaml"), "--growth", "nosuch=+40/month");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error.TrimEnd(), Is.EqualTo("ipplanner: error: --growth: no node group or NodePool is named 'nosuch' (NodePools: default)"));
    }

    [Test]
    public void Runway_NodePoolUncertainGrowth_SameSeedSameJsonAndMarkdownHasThePool()
    {
        var args = new[] { "runway", Sample("runway-karpenter.yaml"), "--months", "24", "--runs", "30", "--seed", "9", "-o", "json" };
        var first = CliRun.Of(args);
        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(CliRun.Of(args).Out, Is.EqualTo(first.Out));
        using var json = JsonDocument.Parse(first.Out);
        var pool = json.RootElement.GetProperty("nodePools")[0];
        Assert.That(pool.GetProperty("percentiles").GetProperty("p50").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(json.RootElement.GetProperty("firstExhausted").GetProperty("nodePool").GetString(), Is.EqualTo("general"));

        var markdown = CliRun.Of("runway", Sample("runway-karpenter.yaml"), "--months", "24", "--runs", "30", "-o", "markdown").Out;
        Assert.That(markdown, Does.Contain("| NodePool | growth | pending pods now |").And.Contain("| general | +30±10/month | 150 | 22 | cpu 400 |"));
    }

    [Test]
    public void Runway_NodePoolNodeRefused_TableAndHtmlNameTheMonth()
    {
        // Prefix delegation with every warm target 0: aws-node refuses to start on every node (docs/rules.md). No pod is
        // pending now; month 1's 20 pods bring the pool's first nodes, which fail then: month 1, the pool's own limit.
        // The first goes to a (both subnets equally free: Karpenter takes the first by id, docs/nodepools.md), group p/m5.large@a.
        var file = TempFile("""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: us-east-1a }
              - { id: b, cidr: 10.0.2.0/24, zone: us-east-1b }
            cni: { version: 1.19.0, prefixDelegation: true, warmPrefixTarget: 0, warmIpTarget: 0, minimumIpTarget: 0 }
            nodePools:
              - { name: p, instanceTypes: [m5.large], subnets: [a, b], pods: { count: 0, cpu: 190m, memory: 100Mi }, growth: +20/month }
            """);
        var html = Path.ChangeExtension(TempFile(""), ".html");
        _files.Add(html);
        var run = CliRun.Of("runway", file, "--months", "3", "--html", html);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var row = run.Out.Split('\n').Single(l => l.StartsWith("p ", StringComparison.Ordinal));
        Assert.That(row, Does.EndWith("month 1                 node 1 of group p/m5.large@a (aws-node refuses to start)"));
        Assert.That(File.ReadAllText(html), Does.Contain("<td>month 1</td><td>node 1 of group p/m5.large@a (aws-node refuses to start)</td>"));
    }

    private const string NodeLimitScenario = """
        cluster: { name: t, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: b, cidr: 10.0.2.0/24, zone: z2 }
        nodeGroups:
          - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 0, maxNodes: 100, podsPerNode: 10, maxPods: 11, growth: +100±1/month }
        """;

    [Test]
    public void Runway_NodeLimitedGroup_TableAndHtmlShowTheMonthAndItsPercentiles()
    {
        // kubelet maxPods 11 < 10 pods + 2 host-network pods: the first node, started in month 1 for the ~100 pods every
        // run draws then, fails on max pods: month 1 on the mean path and P10 = P50 = P90 = 1 over the runs.
        var file = TempFile(NodeLimitScenario);
        var html = Path.ChangeExtension(TempFile(""), ".html");
        _files.Add(html);
        var run = CliRun.Of("runway", file, "--months", "6", "--runs", "20", "--html", html);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var lines = run.Out.Split('\n');
        var header = lines.Single(l => l.StartsWith("node group", StringComparison.Ordinal));
        Assert.That(header, Does.Contain("node limit stops it in  limit P10  limit P50  limit P90"));
        var row = lines.Single(l => l.StartsWith("g ", StringComparison.Ordinal));
        Assert.That(row, Does.Contain("month 1").And.Contain("(max pods 11)"));
        Assert.That(row[header.IndexOf("limit P10", StringComparison.Ordinal)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3), Is.EqualTo(new[] { "1", "1", "1" }));

        var page = File.ReadAllText(html);
        Assert.That(page, Does.Contain("<th>node limit stops it in</th>"));
        Assert.That(page, Does.Contain("<td>month 1</td><td>month 1</td><td>month 1</td><td>month 1</td>"), "the month, then P10, P50, P90");
    }

    [Test]
    public void Runway_NoNodeLimit_TableHasNoNodeLimitColumns()
    {
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"), "--growth", "crm=+15/month", "--months", "12");
        Assert.That(run.Out, Does.Not.Contain("node limit"));
    }

    [Test]
    public void Runway_NodeLimitPercentiles_SameSeedSameJson()
    {
        var args = new[] { "runway", TempFile(NodeLimitScenario.Replace("+100±1/month", "+0±1/month", StringComparison.Ordinal)), "--months", "12", "--runs", "50", "--seed", "3", "-o", "json" };
        var first = CliRun.Of(args);
        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(CliRun.Of(args).Out, Is.EqualTo(first.Out));
        using var json = JsonDocument.Parse(first.Out);
        Assert.That(json.RootElement.GetProperty("nodeGroups")[0].GetProperty("nodeLimitPercentiles").GetProperty("p10").GetInt32(), Is.EqualTo(1));
    }

    private readonly List<string> _files = [];

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private string TempFile(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ipplanner-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        _files.Add(path);
        return path;
    }
}
