namespace IpPlanner.Core.Addressing;

/// <summary>Which Network Address Usage quota an EC2 call would pass.</summary>
public enum NetworkAddressUsageLimit
{
    /// <summary>Neither: the call may go ahead.</summary>
    None,

    /// <summary>The VPC's own quota (<c>NetworkAddressUsageLimitExceeded</c>).</summary>
    Vpc,

    /// <summary>The quota of the VPC and its same-Region peers together (<c>NetworkAddressUsagePeeredLimitExceeded</c>).</summary>
    Peered,
}

/// <summary>
/// A VPC's Network Address Usage while the engine runs: the units held and the quotas every EC2 call must stay within
/// (docs/rules.md, "Network Address Usage"). A call that would take the units past a quota fails and adds nothing, as
/// EC2 answers RunInstances, AttachNetworkInterface and AssignPrivateIpAddresses with
/// <c>NetworkAddressUsageLimitExceeded</c>; usage equal to a quota is allowed ("exceed" is strictly above). Every
/// subnet address space of one running VPC points at the same meter (<see cref="SubnetAddressSpace.Usage"/>); a
/// what-if copy of the VPC copies the meter with the spaces it clones.
/// </summary>
public sealed class NetworkAddressUsageMeter
{
    /// <summary>A meter holding <paramref name="units"/> already, under <paramref name="quota"/>, and the peered quota when the VPC is peered.</summary>
    public NetworkAddressUsageMeter(int quota, int? peeredUnits = null, int peeredQuota = int.MaxValue, long units = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quota);
        Quota = quota;
        PeeredUnits = peeredUnits;
        PeeredQuota = peeredQuota;
        Units = units;
    }

    /// <summary>Units this VPC holds now.</summary>
    public long Units { get; private set; }

    /// <summary>The VPC's quota.</summary>
    public int Quota { get; }

    /// <summary>Units the same-Region peers hold; null when the VPC is not peered (then only <see cref="Quota"/> applies).</summary>
    public int? PeeredUnits { get; }

    /// <summary>The quota of the VPC and its peers together.</summary>
    public int PeeredQuota { get; }

    /// <summary>The first quota that <paramref name="units"/> more would pass, or <see cref="NetworkAddressUsageLimit.None"/>.</summary>
    public NetworkAddressUsageLimit Check(int units)
    {
        if (Units + units > Quota)
        {
            return NetworkAddressUsageLimit.Vpc;
        }

        return PeeredUnits is { } peers && Units + peers + units > PeeredQuota ? NetworkAddressUsageLimit.Peered : NetworkAddressUsageLimit.None;
    }

    /// <summary>Adds <paramref name="units"/> when no quota is passed; otherwise adds nothing and says which quota.</summary>
    public NetworkAddressUsageLimit TryAdd(int units)
    {
        var limit = Check(units);
        if (limit == NetworkAddressUsageLimit.None)
        {
            Units += units;
        }

        return limit;
    }

    /// <summary>Adds units that exist whatever the quota says (resources already in the VPC before the plan starts).</summary>
    public void Add(long units) => Units += units;

    /// <summary>Gives units back (an address, prefix or ENI released).</summary>
    public void Remove(int units) => Units -= units;

    /// <summary>A copy holding the same units under the same quotas.</summary>
    public NetworkAddressUsageMeter Clone() => new(Quota, PeeredUnits, PeeredQuota, Units);
}
