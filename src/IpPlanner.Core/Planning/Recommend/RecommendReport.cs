using System.Text.Json.Serialization;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>What the recommendation aims for: node counts per group (after headroom) and the headroom itself.</summary>
public sealed record RecommendTarget(IReadOnlyDictionary<string, int> Nodes, double HeadroomPercent, string Description)
{
    /// <summary>Each Karpenter NodePool's pending pods at the target (headroom included); its nodes follow from them.</summary>
    public IReadOnlyDictionary<string, int> PendingPods { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
}

/// <summary>One subnet under a strategy, at the target.</summary>
public sealed record StrategySubnet(string Id, string Zone, string Cidr, int Usable, int Used, int Free, int FreePrefixes, bool Added);

/// <summary>
/// The smallest single subnet per zone that would hold what the strategy puts in that zone's pod subnets; the prefix
/// is null when even a /16, the largest subnet EC2 allows, is too small.
/// </summary>
public sealed record ZoneSizing(string Zone, int AddressesNeeded, int? SmallestPrefixLength)
{
    /// <summary>"/20", or "more than a /16" when no single subnet can hold it.</summary>
    [JsonIgnore]
    public string PrefixText => SmallestPrefixLength is { } p ? $"/{p}" : $"more than a /{VpcSpec.LargestBlockPrefix}";
}

/// <summary>One way to reach the target, planned by the engine.</summary>
public sealed record StrategyResult(
    string Name,
    string Summary,
    bool Fits,
    string? WhyNot,
    IReadOnlyList<string> Changes,
    int Nodes,
    int Pods,
    int PodSubnetAddressesUsed,
    IReadOnlyList<StrategySubnet> Subnets,
    IReadOnlyList<ZoneSizing> SmallestPrefixPerZone)
{
    /// <summary>The patched scenario this strategy was planned on (what the recommender can write out).</summary>
    [JsonIgnore]
    public ProvisionedScenario? Patched { get; init; }

    /// <summary>The strategy that produced this result.</summary>
    [JsonIgnore]
    public RecommendStrategy? Strategy { get; init; }

    /// <summary>The VPC's Network Address Usage units at the target under this strategy (0 when it was not planned).</summary>
    public long NetworkAddressUnits { get; init; }
}

/// <summary>A CNI knob change and the addresses it frees, with the reason.</summary>
public sealed record KnobAdvice(string Change, string Subnet, int AddressesFreed, string Reason);

/// <summary>The answer to "what should we do?": strategies compared at the target, the best that fits, and knob advice.</summary>
public sealed record RecommendReport(
    string Scenario,
    RecommendTarget Target,
    IReadOnlyList<StrategyResult> Strategies,
    string? Best,
    IReadOnlyList<KnobAdvice> Advice,
    string Verdict)
{
    /// <summary>With <c>--runway</c>: how long each strategy lasts under the growth; null (and left out of JSON) otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StrategyRunway>? Runway { get; init; }

    /// <summary>
    /// Findings about the scenario every strategy inherits (an upgrade of its VPC CNI that would move pods,
    /// <c>cni-upgrade-moves-pods</c>); null (and left out of JSON) when there are none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Input.Finding>? Warnings { get; init; }
}
