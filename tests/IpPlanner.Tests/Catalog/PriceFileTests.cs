using IpPlanner.Cli;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Tests.Catalog;

/// <summary>
/// A user's price file replacing the embedded on-demand prices. The case is NodePoolTests' "choosing among types":
/// 3 pods of 100m / 12Gi; by memory m5.xlarge and r5.large hold 1, m5.2xlarge and r5.xlarge 2. Embedded prices
/// (us-east-1): m5.xlarge 0.192, r5.large 0.126, m5.2xlarge 0.384, r5.xlarge 0.252, so the embedded answer is one
/// r5.xlarge (2 pods) and one r5.large (1 pod).
/// </summary>
public class PriceFileTests
{
    private static string Scenario() => Base.Replace("nodeGroups:", """
        nodePools:
          - name: general
            instanceTypes: [m5.xlarge, r5.large, m5.2xlarge, r5.xlarge]
            subnets: [subnet-a, subnet-b]
            pods: {count: 3, cpu: 100m, memory: 12Gi}
        nodeGroups:
        """, StringComparison.Ordinal).Replace("    nodes: 3\n", "    nodes: 0\n", StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, int> Types(InstanceCatalog catalog)
    {
        var result = ScenarioLoader.LoadText(Scenario(), "test.yaml", catalog);
        Assert.That(result.Errors, Is.Empty);
        return CapacityPlanner.Plan(result.Provisioned!).NodePools.Single().InstanceTypes;
    }

    [Test]
    public void CheaperPrices_ChangeTheChosenTypes()
    {
        // With m5.2xlarge at 0.20 (< r5.xlarge 0.252) the 2-pod claim launches m5.2xlarge; with m5.xlarge at 0.10
        // (< r5.large 0.126) the last pod's claim launches m5.xlarge.
        var prices = PriceFile.Apply(InstanceCatalog.Embedded, "instance_type,usd_per_hour\nm5.2xlarge,0.20\nm5.xlarge, 0.10\n", "prices.csv");
        Assert.Multiple(() =>
        {
            Assert.That(Types(InstanceCatalog.Embedded), Is.EqualTo(new Dictionary<string, int> { ["r5.large"] = 1, ["r5.xlarge"] = 1 }));
            Assert.That(Types(prices), Is.EqualTo(new Dictionary<string, int> { ["m5.2xlarge"] = 1, ["m5.xlarge"] = 1 }));
            Assert.That(prices.Get("r5.large").OnDemandUsdPerHour, Is.EqualTo(0.126m), "a type the file leaves out keeps its embedded price");
        });
    }

    [TestCase("instance_type,usd_per_hour\nm5.large,abc\n", "prices.csv:2: usd_per_hour: 'abc' is not a price")]
    [TestCase("instance_type,usd_per_hour\nm5.large,-1\n", "prices.csv:2: usd_per_hour: '-1' is not a price")]
    [TestCase("instance_type,usd_per_hour\nm5.large,0.1\n\nm5.lrage,0.1\n", "prices.csv:4: instance_type: unknown instance type 'm5.lrage' (did you mean m5.large")]
    [TestCase("instance_type,usd_per_hour\nm5.large,0.1\nm5.large,0.2\n", "prices.csv:3: instance_type: 'm5.large' is priced twice (first on line 2)")]
    [TestCase("instance_type,usd_per_hour\n,0.1\n", "prices.csv:2: instance_type: is empty")]
    [TestCase("instance_type,usd_per_hour\nm5.large\n", "prices.csv:2: 1 field; expected 2")]
    [TestCase("type,price\nm5.large,0.1\n", "prices.csv:1: the header is 'type,price'; expected the two columns instance_type,usd_per_hour")]
    [TestCase("", "prices.csv:1: the file is empty")]
    public void BadRows_OneLineErrorWithFileLineAndField(string text, string expected)
    {
        var error = Assert.Throws<InputException>(() => PriceFile.Apply(InstanceCatalog.Embedded, text, "prices.csv"))!;
        Assert.That(error.Message, Does.StartWith(expected));
        Assert.That(error.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void Cli_PlanWithPrices_LaunchesTheCheaperType_AndABadFileExits2()
    {
        var dir = TestContext.CurrentContext.WorkDirectory;
        var scenario = Path.Combine(dir, "price-pool.yaml");
        File.WriteAllText(scenario, Scenario());
        var prices = Path.Combine(dir, "prices.csv");
        File.WriteAllText(prices, "instance_type,usd_per_hour\nm5.2xlarge,0.20\nm5.xlarge,0.10\n");
        var run = CliRun.Of("plan", scenario, "--prices", prices, "-o", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Does.Contain("\"m5.2xlarge\": 1").And.Contain("\"m5.xlarge\": 1"));

        File.WriteAllText(prices, "instance_type,usd_per_hour\nm5.2xlarge,cheap\n");
        var bad = CliRun.Of("plan", scenario, "--prices", prices);
        Assert.That(bad.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(bad.Error, Does.Contain("prices.csv:2: usd_per_hour: 'cheap' is not a price"));
        Assert.That(bad.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }
}
