using System.Globalization;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Cni;

/// <summary>
/// A VPC CNI release number. Accepts what people paste: "1.18.3", "v1.12.6-eksbuild.2", "1.9".
/// <c>default</c> is 0.0.0, older than every release.
/// </summary>
public readonly record struct CniVersion(int Major, int Minor, int Patch) : IComparable<CniVersion>
{
    /// <summary>The release whose behaviour the engine follows by default (the upstream snapshot docs/rules.md cites).</summary>
    public static readonly CniVersion Current = new(1, 23, 0);

    /// <summary>
    /// The oldest release the node model follows: before it, growth under WARM_IP_TARGET filled whole ENIs
    /// (<see cref="CniBehaviour"/> lists every gate; docs/rules.md, "VPC CNI versions").
    /// </summary>
    public static readonly CniVersion OldestModelled = new(1, 8, 0);

    /// <summary>First release with prefix delegation.</summary>
    public static readonly CniVersion PrefixDelegation = new(1, 9, 0);

    /// <summary>First release whose aws-node refuses prefix delegation with every warm target 0 even when they are unset.</summary>
    public static readonly CniVersion PrefixTargetsZeroRefused = new(1, 12, 1);

    /// <summary>First release that stops growing the warm pool at max pods (the 1.16 release branch; master's first tag was 1.17.1).</summary>
    public static readonly CniVersion GrowthStopsAtMaxPods = new(1, 16, 3);

    /// <summary>First release that gives the trunk ENI no pod IPs or prefixes.</summary>
    public static readonly CniVersion TrunkCarriesNoPods = new(1, 16, 4);

    /// <summary>First release with subnet discovery on by default.</summary>
    public static readonly CniVersion SubnetDiscovery = new(1, 18, 0);

    /// <summary>First release that keeps an ENI for the trunk only on types that can trunk.</summary>
    public static readonly CniVersion TrunkSlotOnlyOnTrunkTypes = new(1, 20, 4);

    /// <summary>ENABLE_MULTI_NIC exists from 1.20.0 (aws/amazon-vpc-cni-k8s README.md:761-773@b52188387f2e).</summary>
    public static readonly CniVersion MultiNic = new(1, 20, 0);

    /// <summary>
    /// First release whose subnet discovery reads the value of <c>kubernetes.io/role/cni</c> (0 excludes, even the
    /// node's own subnet) and the cluster tags <c>cni.networking.k8s.aws/cluster/&lt;name&gt;</c> (CHANGELOG.md, "v1.22.1"@b521883).
    /// </summary>
    public static readonly CniVersion EnhancedSubnetDiscovery = new(1, 22, 1);

    public static bool operator <(CniVersion left, CniVersion right) => left.CompareTo(right) < 0;
    public static bool operator >(CniVersion left, CniVersion right) => left.CompareTo(right) > 0;
    public static bool operator <=(CniVersion left, CniVersion right) => left.CompareTo(right) <= 0;
    public static bool operator >=(CniVersion left, CniVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Parses a version or returns false.</summary>
    public static bool TryParse(string? text, out CniVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith('v') || s.StartsWith('V'))
        {
            s = s[1..];
        }

        var dash = s.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            s = s[..dash];
        }

        var parts = s.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        Span<int> numbers = stackalloc int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new CniVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>Parses a version or throws an <see cref="InputException"/> naming <paramref name="field"/>.</summary>
    public static CniVersion Parse(string? text, string field = "VPC CNI version") =>
        TryParse(text, out var v)
            ? v
            : throw new InputException($"{field}: '{text}' is not a VPC CNI version (expected X.Y.Z, e.g. 1.18.3 or v1.12.6-eksbuild.2)");

    /// <inheritdoc />
    public int CompareTo(CniVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    /// <inheritdoc />
    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
