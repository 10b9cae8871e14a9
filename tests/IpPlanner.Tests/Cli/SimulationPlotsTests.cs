using IpPlanner.Cli.Output;
using NUnit.Framework;
using ScottPlot;
using ScottPlot.Plottables;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Simulation;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>The usage charts a reader takes in at a glance: each subnet's ceiling drawn, heights comparable from 0.</summary>
[TestFixture]
public sealed class SimulationPlotsTests
{
    // samples/near-exhaustion.yaml: three /24 node subnets and two /26 public ones. AWS keeps 5 addresses of every
    // subnet, so the ceilings are 256 - 5 = 251 (three subnets) and 64 - 5 = 59 (two): one line per size.
    private static readonly double[] s_nearExhaustionLimits = [251, 59];

    private static List<double> LimitLines(Plot plot) =>
        [.. plot.GetPlottables().OfType<HorizontalLine>().Select(l => l.Y)];

    [Test]
    public void ScaleCurve_NearExhaustion_DrawsEachSubnetsUsableAsALimitLine()
    {
        var plot = SimulationPlots.ScaleCurve(ScaleCurve.Run(SampleScenario("near-exhaustion.yaml"), "crm", 0, 5));

        Assert.That(LimitLines(plot), Is.EquivalentTo(s_nearExhaustionLimits));
    }

    [Test]
    public void ScaleCurve_EqualSizedSubnets_OneLineNamesEverySubnetItStandsFor()
    {
        // Three /24s drawn as three dashed lines at 251 showed only the last one's colour; the one line there says
        // which subnets it is the ceiling of, and so does the one at 59.
        var plot = SimulationPlots.ScaleCurve(ScaleCurve.Run(SampleScenario("near-exhaustion.yaml"), "crm", 0, 5));

        var labels = plot.GetPlottables().OfType<Text>().Select(t => (t.Location.Y, t.LabelText));
        Assert.That(labels, Is.EquivalentTo(new[]
        {
            (251.0, "251 usable: subnet-nodes-1a, subnet-nodes-1b, subnet-nodes-1c"),
            (59.0, "59 usable: subnet-public-1a, subnet-public-1b"),
        }));
    }

    [Test]
    public void RunwayChart_TwoEqualSubnets_OneLineNamingBoth()
    {
        // samples/runway-karpenter.yaml: two /22s, 1,024 - 5 = 1,019 usable each.
        var report = IpPlanner.Core.Planning.Runway.Run(SampleScenario("runway-karpenter.yaml"), new IpPlanner.Core.Planning.RunwayOptions { Months = 12 });

        var plot = RunwayPlot.Chart(report);

        Assert.That(LimitLines(plot), Is.EqualTo(new[] { 1019.0 }));
        Assert.That(plot.GetPlottables().OfType<Text>().Select(t => t.LabelText), Is.EqualTo(new[] { "1,019 usable: subnet-private-a, subnet-private-b" }));
    }

    [Test]
    public void ScaleCurve_NearExhaustion_YAxisStartsAtZeroAndShowsTheHighestLimit()
    {
        var plot = SimulationPlots.ScaleCurve(ScaleCurve.Run(SampleScenario("near-exhaustion.yaml"), "crm", 0, 5));
        plot.GetImage(1200, 560);

        var limits = plot.Axes.GetLimits();
        Assert.That(limits.Bottom, Is.EqualTo(0));
        Assert.That(limits.Top, Is.GreaterThan(251));
    }

    [Test]
    public void TimeView_Churn_DrawsEachSubnetsUsableAsALimitLineFromZero()
    {
        var scenario = SampleScenario("churn.yaml");
        var report = MonteCarlo.Run(scenario, new SimulationOptions { DurationSeconds = 120, Runs = 2, Seed = 1 });

        var plot = SimulationPlots.TimeView(report);
        plot.GetImage(1200, 560);

        // The limit of each series is its subnet's usable count, computed here from the subnet's prefix length.
        var expected = report.Series.Select(s => (double)((1 << (32 - Prefix(scenario, s.Id))) - 5)).Distinct();
        Assert.That(LimitLines(plot), Is.EquivalentTo(expected));
        Assert.That(plot.Axes.GetLimits().Bottom, Is.EqualTo(0));
    }

    [Test]
    public void ScaleCurve_Legend_LeavesTheChartMostOfTheWidth()
    {
        // Six legend entries beside the chart took almost half of its 1,200 pixels; below it, the data area keeps
        // the width less the axis labels.
        var plot = SimulationPlots.ScaleCurve(ScaleCurve.Run(SampleScenario("near-exhaustion.yaml"), "crm", 0, 30));
        plot.GetImage(1200, 560);

        Assert.That(plot.RenderManager.LastRender.DataRect.Width, Is.GreaterThan(1200 * 0.85));
    }

    private static int Prefix(ProvisionedScenario scenario, string subnetId) =>
        int.Parse(scenario.Subnets.Single(s => s.Id == subnetId).Cidr.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
}
