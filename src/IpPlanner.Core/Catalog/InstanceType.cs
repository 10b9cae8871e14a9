namespace IpPlanner.Core.Catalog;

/// <summary>One network card of an instance type and how many ENIs it can hold.</summary>
public readonly record struct NetworkCard(int Index, int MaxEnis);

/// <summary>
/// The network limits of one EC2 instance type that decide how many pods a node can run.
/// <see cref="MaxEnis"/> is the default network card's limit (the only card the VPC CNI uses without multi-NIC);
/// <see cref="Ipv4PerEni"/> includes the ENI's primary address. <see cref="BranchEnis"/> is null when unknown.
/// </summary>
public sealed record InstanceType(
    string Name,
    int? Vcpus,
    string? Hypervisor,
    bool BareMetal,
    int MaxEnis,
    int Ipv4PerEni,
    IReadOnlyList<NetworkCard> NetworkCards,
    int? BranchEnis)
{
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
