using IpPlanner.Core.Addressing;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.AwsImport;

/// <summary>A subnet CIDR reservation from <c>aws ec2 get-subnet-cidr-reservations</c>.</summary>
internal sealed record AwsCidrReservation(string SubnetId, Ipv4Cidr Cidr, ReservationType Type, string Source, string Where);

/// <summary>Reads the output of <c>aws ec2 get-subnet-cidr-reservations --subnet-id … --output json</c> (IPv4 reservations only).</summary>
internal static class SubnetCidrReservationsReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "aws ec2 get-subnet-cidr-reservations";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InputException"/> naming the file and field for anything else.</summary>
    public static IReadOnlyList<AwsCidrReservation> Read(string path)
    {
        var json = AwsJsonInput.Read(path, "SubnetIpv4CidrReservations", Command, AwsCliJsonContext.Default.SubnetCidrReservationsJson);
        var reservations = new List<AwsCidrReservation>();
        for (var i = 0; i < json.SubnetIpv4CidrReservations!.Count; i++)
        {
            var r = json.SubnetIpv4CidrReservations[i];
            var where = $"SubnetIpv4CidrReservations[{i}]";
            var subnet = AwsFields.Require(r.SubnetId, path, $"{where}.SubnetId", "every reservation names its subnet");
            var cidr = AwsFields.Cidr(AwsFields.Require(r.Cidr, path, $"{where}.Cidr", "every reservation has its CIDR"), path, $"{where}.Cidr");
            var type = r.ReservationType?.Trim().ToUpperInvariant() switch
            {
                "PREFIX" => ReservationType.Prefix,
                "EXPLICIT" => ReservationType.Explicit,
                _ => throw InputException.At(path, null, null, $"{where}.ReservationType", $"'{r.ReservationType}' is not a reservation type (expected prefix or explicit)"),
            };
            reservations.Add(new AwsCidrReservation(subnet, cidr, type, path, where));
        }

        return reservations;
    }
}
