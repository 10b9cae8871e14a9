namespace IpPlanner.Core.Addressing;

/// <summary>The two kinds of subnet CIDR reservation EC2 offers.</summary>
public enum ReservationType
{
    /// <summary>Only /28 prefix delegation may use the range; single secondary IPs never land there.</summary>
    Prefix = 0,

    /// <summary>Nothing automatic lands in the range; addresses there are only assigned by hand.</summary>
    Explicit = 1,
}
