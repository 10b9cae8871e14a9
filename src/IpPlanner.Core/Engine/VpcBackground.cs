namespace IpPlanner.Core.Engine;

/// <summary>
/// What the other clusters of a shared VPC hold while one cluster is planned alone (<see cref="ClusterFocus"/>):
/// their addresses in each subnet at the exact positions the whole VPC's plan gave them, and their Network Address
/// Usage units. They stay as planned; only the cluster in focus grows.
/// </summary>
public sealed record VpcBackground(IReadOnlyDictionary<string, HeldAddresses> Addresses, long NetworkAddressUnits);

/// <summary>The addresses other clusters hold in one subnet: as CIDR blocks (/32s and /28s), their count, and the count by cluster.</summary>
public sealed record HeldAddresses(IReadOnlyList<string> Blocks, int Count, IReadOnlyDictionary<string, int> ByCluster);
