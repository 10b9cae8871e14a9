using System.Net;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.Model;

/// <summary>A subnet CIDR reservation: a range inside the subnet kept for one kind of allocation.</summary>
public sealed record Reservation
{
    /// <summary>The reserved range.</summary>
    public required AddressBlock Block { get; init; }

    /// <summary>prefix or explicit (EC2 <c>create-subnet-cidr-reservation --reservation-type</c>).</summary>
    public required ReservationType Type { get; init; }

    /// <summary>The line it was written on.</summary>
    public int SourceLine { get; init; }
}

/// <summary>
/// One VPC subnet: its CIDR, zone and tags, its CIDR reservations and the addresses already used by things
/// the scenario does not model (<see cref="Taken"/> exactly, <see cref="InUse"/> as a count on top).
/// </summary>
public sealed record SubnetSpec
{
    /// <summary>AWS reserves the network address, the next three and the last address of every subnet.</summary>
    public const int AwsReservedAddresses = Addressing.AwsReservedAddresses.Count;

    /// <summary>The subnet id (a real <c>subnet-0abc…</c> or any name the scenario refers to it by).</summary>
    public required string Id { get; init; }

    /// <summary>The subnet's IPv4 CIDR block.</summary>
    public required AddressBlock Block { get; init; }

    /// <summary>The CIDR as written, e.g. <c>10.0.32.0/19</c>.</summary>
    public string Cidr => Block.Text;

    /// <summary>The parsed CIDR.</summary>
    public IPNetwork2 Network => Block.Network;

    /// <summary>The first address as a host-order number.</summary>
    public uint FirstAddress => Block.First;

    /// <summary>The prefix length, /16 to /28.</summary>
    public int PrefixLength => Block.PrefixLength;

    /// <summary>All addresses of the block, the five AWS keeps included.</summary>
    public int AddressCount => (int)Block.Count;

    /// <summary>Addresses a subnet can hand out: the block less the five AWS keeps (/24 -> 251).</summary>
    public int UsableAddressCount => AddressCount - AwsReservedAddresses;

    /// <summary>The Availability Zone (name or id) the subnet lives in.</summary>
    public required string Zone { get; init; }

    /// <summary>True when the subnet routes to an internet gateway.</summary>
    public bool Public { get; init; }

    /// <summary>Tags by key (kubernetes.io/role/elb, kubernetes.io/role/cni, …).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>CIDR reservations inside the subnet.</summary>
    public IReadOnlyList<Reservation> Reservations { get; init; } = [];

    /// <summary>Addresses used by things outside the scenario beyond <see cref="Taken"/>, as a count the engine places itself.</summary>
    public int InUse { get; init; }

    /// <summary>Addresses and blocks already in use, exactly as imported; each lies inside the subnet.</summary>
    public IReadOnlyList<AddressBlock> Taken { get; init; } = [];

    /// <summary>The line of the subnet's entry.</summary>
    public int SourceLine { get; init; }

    /// <summary>True when the subnet carries tag <paramref name="key"/> (any value).</summary>
    public bool HasTag(string key) => Tags.ContainsKey(key);
}
