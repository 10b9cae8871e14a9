
namespace IpPlanner.Core.Catalog;

/// <summary>One network card of an instance type and how many ENIs it can hold.</summary>
public readonly record struct NetworkCard(int Index, int MaxEnis);

/// <summary>
/// The network limits of one EC2 instance type that decide how many pods a node can run.
/// <see cref="MaxEnis"/> is the default network card's limit (the only card the VPC CNI uses without multi-NIC);
/// <see cref="Ipv4PerEni"/> includes the ENI's primary address. <see cref="BranchEnis"/> is null when unknown.
/// <see cref="MemoryMiB"/> is EC2's nominal memory (<c>MemoryInfo.SizeInMiB</c>), null when unknown;
/// <see cref="OnDemandUsdPerHour"/> the Linux on-demand price in us-east-1, null where none is published;
/// <see cref="Architecture"/> the Kubernetes architecture (<c>amd64</c> or <c>arm64</c>), from the name when not given.
/// </summary>
public sealed record InstanceType(
    string Name,
    int? Vcpus,
    string? Hypervisor,
    bool BareMetal,
    int MaxEnis,
    int Ipv4PerEni,
    IReadOnlyList<NetworkCard> NetworkCards,
    int? BranchEnis,
    int? MemoryMiB = null,
    decimal? OnDemandUsdPerHour = null)
{
    /// <summary>The Kubernetes architecture label: as set (describe-instance-types), else <see cref="ArchitectureRule.FromName"/>.</summary>
    public string Architecture { get; init; } = ArchitectureRule.FromName(Name);

    /// <summary>
    /// The VM memory overhead <see cref="Allocatable"/> is computed with (Karpenter's <c>vmMemoryOverheadPercent</c>, a
    /// fraction; default 0.075).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double VmMemoryOverheadPercent { get; init; } = AllocatableRule.DefaultVmMemoryOverheadPercent;

    /// <summary>What a node of this type offers pods, as Karpenter computes it for AL2023 (docs/allocatable.md).</summary>
    public Allocatable Allocatable => AllocatableRule.Karpenter(this, VmMemoryOverheadPercent);

    /// <summary>True for the Nitro hypervisor.</summary>
    public bool IsNitro => string.Equals(Hypervisor, "nitro", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The VPC CNI allows prefix delegation on Nitro and on bare metal (which reports no hypervisor);
    /// AWS's old max-pods-calculator.sh only accepts Nitro.
    /// </summary>
    public bool SupportsPrefixDelegation => IsNitro || BareMetal;

    /// <summary>Security groups for pods needs a Nitro-class type with branch ENIs.</summary>
    public bool SupportsTrunking => BranchEnis is > 0;

    /// <summary>Secondary addresses one ENI can carry: every address but the ENI's primary.</summary>
    public int SlotsPerEni => Ipv4PerEni - 1;
}
