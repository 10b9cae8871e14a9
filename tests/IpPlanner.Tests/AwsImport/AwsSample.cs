using System.Text.Json;
using System.Text.RegularExpressions;
using IpPlanner.Core.AwsImport;
using IpPlanner.Core.Catalog;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.AwsImport;

/// <summary>The saved account under samples/aws, its files, and a plain reading of its JSON for the tests to compare against.</summary>
internal static class AwsSample
{
    public const string Cluster = "orders-prod";
    public const string VpcId = "vpc-0b7e4c1f9a3d52e60";
    public const string PublicA = "subnet-0a11c3e5f7a9b1d01";
    public const string PrivateA = "subnet-0d44f6b8c0e2a4b04";
    public const string PrivateB = "subnet-0e55a7c9d1f3b5c05";
    public const string PrivateC = "subnet-0f66b8d0e2a4c6d06";
    public const string PodsA = "subnet-01a7c9e1f3b5d7e07";
    public const string PodsB = "subnet-02b8d0f2a4c6e8f08";
    public const string PodsC = "subnet-03c9e1a3b5d7f9a09";

    private static readonly Lazy<AwsImportResult> s_result = new(() => AwsImporter.Import(Files(), InstanceCatalog.Embedded));

    public static string Directory => Sample("aws");

    public static string File(string name) => Path.Combine(Directory, name);

    /// <summary>Every file of the sample, as the README's command gives them.</summary>
    public static AwsImportFiles Files() => new()
    {
        Vpcs = File("vpcs.json"),
        Subnets = File("subnets.json"),
        NetworkInterfaces = File("network-interfaces.json"),
        Instances = File("instances.json"),
        CidrReservations = [File("cidr-reservations-pods-eu-west-1b.json")],
        Cluster = File("cluster.json"),
        EniConfigs = File("eniconfigs.yaml"),
        AwsNode = File("aws-node.json"),
    };

    /// <summary>The sample imported once (the import is deterministic).</summary>
    public static AwsImportResult Result => s_result.Value;

    /// <summary>The CLI arguments for the whole sample.</summary>
    public static string[] ImportArgs() =>
    [
        "import",
        "--vpcs", File("vpcs.json"),
        "--subnets", File("subnets.json"),
        "--network-interfaces", File("network-interfaces.json"),
        "--instances", File("instances.json"),
        "--cidr-reservations", File("cidr-reservations-pods-eu-west-1b.json"),
        "--cluster", File("cluster.json"),
        "--eniconfigs", File("eniconfigs.yaml"),
        "--aws-node", File("aws-node.json"),
    ];

    /// <summary>One ENI as the JSON has it, read with JsonDocument rather than the importer's reader.</summary>
    public sealed record RawEni(string Id, string SubnetId, string Description, string? InstanceId, IReadOnlyList<string> Addresses, IReadOnlyList<string> Prefixes);

    public static IReadOnlyList<RawEni> RawEnis()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File("network-interfaces.json")));
        var enis = new List<RawEni>();
        foreach (var e in document.RootElement.GetProperty("NetworkInterfaces").EnumerateArray())
        {
            var instance = e.TryGetProperty("Attachment", out var attachment) && attachment.TryGetProperty("InstanceId", out var id) ? id.GetString() : null;
            var addresses = e.GetProperty("PrivateIpAddresses").EnumerateArray().Select(a => a.GetProperty("PrivateIpAddress").GetString()!).ToList();
            var prefixes = e.TryGetProperty("Ipv4Prefixes", out var p) ? p.EnumerateArray().Select(x => x.GetProperty("Ipv4Prefix").GetString()!).ToList() : [];
            enis.Add(new RawEni(e.GetProperty("NetworkInterfaceId").GetString()!, e.GetProperty("SubnetId").GetString()!, e.GetProperty("Description").GetString()!, instance, addresses, prefixes));
        }

        return enis;
    }

    /// <summary>Instance id -> (type, state, tags), read with JsonDocument.</summary>
    public static IReadOnlyDictionary<string, (string Type, string State, IReadOnlyDictionary<string, string> Tags)> RawInstances()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File("instances.json")));
        var result = new Dictionary<string, (string, string, IReadOnlyDictionary<string, string>)>();
        foreach (var reservation in document.RootElement.GetProperty("Reservations").EnumerateArray())
        {
            foreach (var i in reservation.GetProperty("Instances").EnumerateArray())
            {
                var tags = i.GetProperty("Tags").EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);
                result[i.GetProperty("InstanceId").GetString()!] = (i.GetProperty("InstanceType").GetString()!, i.GetProperty("State").GetProperty("Name").GetString()!, tags);
            }
        }

        return result;
    }

    /// <summary>The YAML with runs of comment lines joined into one line (the writer wraps long comments for reading).</summary>
    public static string CommentsUnwrapped(string yaml)
    {
        string before;
        do
        {
            before = yaml;
            yaml = Regex.Replace(yaml, @"(#[^\n]*)\n *# ", "$1 ");
        }
        while (yaml != before);

        return yaml;
    }

    /// <summary>Subnet id -> AvailableIpAddressCount, read with JsonDocument.</summary>
    public static IReadOnlyDictionary<string, int> RawAvailable()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File("subnets.json")));
        return document.RootElement.GetProperty("Subnets").EnumerateArray()
            .ToDictionary(s => s.GetProperty("SubnetId").GetString()!, s => s.GetProperty("AvailableIpAddressCount").GetInt32());
    }
}
