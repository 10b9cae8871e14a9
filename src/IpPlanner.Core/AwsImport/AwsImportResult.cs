using IpPlanner.Core.Model;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Core.AwsImport;

/// <summary>Counts that say what an import produced.</summary>
public sealed record AwsImportSummary(
    string VpcId,
    string Cluster,
    int Subnets,
    int NodeGroups,
    int Nodes,
    int TakenAddresses,
    int TakenPrefixes,
    int EnisTaken,
    int EnisLeftOut);

/// <summary>
/// What an import produced: the scenario document (YAML with provenance comments, or JSON), the scenario it loads
/// to (checked by the ordinary loader), and the warnings found on the way.
/// </summary>
public sealed record AwsImportResult(DocMap Document, string Yaml, Scenario Scenario, IReadOnlyList<string> Warnings, AwsImportSummary Summary);
