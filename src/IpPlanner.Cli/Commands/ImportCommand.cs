using IpPlanner.Cli.Output;
using System.CommandLine;
using System.Globalization;
using IpPlanner.Core.AwsImport;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Cli.Commands;

/// <summary>
/// <c>ipplanner import</c>: builds a scenario from the saved JSON of the AWS CLI and kubectl, offline, with the
/// addresses already in use as exact <c>taken</c> entries. The scenario goes to stdout, or atomically to --write.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var subnets = File("--subnets", "aws ec2 describe-subnets --output json", required: true);
        var vpcs = File("--vpcs", "aws ec2 describe-vpcs --output json");
        var enis = File("--network-interfaces", "aws ec2 describe-network-interfaces --output json");
        var instances = File("--instances", "aws ec2 describe-instances --output json");
        var reservations = new Option<string[]>("--cidr-reservations")
        {
            Description = "Output of 'aws ec2 get-subnet-cidr-reservations --subnet-id ID --output json', one file per subnet (several after one flag, or the flag repeated)",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        }.AsInput();
        var cluster = new Option<string[]>("--cluster")
        {
            Description = "Output of 'aws eks describe-cluster --name NAME --output json'; one file per cluster of the VPC (several after one flag, or the flag repeated) lists them under clusters",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        }.AsInput();
        var eniConfigs = File("--eniconfigs", "kubectl get eniconfigs -o yaml");
        var awsNode = File("--aws-node", "kubectl -n kube-system get daemonset aws-node -o json");
        var nodePools = File("--nodepools", "kubectl get nodepools -o json");
        var nodeClasses = File("--ec2nodeclasses", "kubectl get ec2nodeclasses -o json");
        var karpenter = File("--karpenter-controller", "kubectl -n kube-system get deployment karpenter -o json");
        var nodegroups = new Option<string[]>("--nodegroups")
        {
            Description = "Output of 'aws eks describe-nodegroup --cluster-name NAME --nodegroup-name GROUP --output json', one file per managed node group (several after one flag, or the flag repeated)",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var vpcId = new Option<string?>("--vpc-id") { Description = "The VPC to import when the files hold several (default: the cluster's)", HelpName = "ID" };
        var write = new Option<string?>("--write")
        {
            Description = "Write the scenario to this file (atomically: a temporary file, then a rename) instead of stdout",
            HelpName = "FILE",
        }.AsOutput();
        var output = CommonOptions.Output("yaml", "json");
        output.Description = "Scenario format: yaml (with comments saying where each value came from) or json (no comments)";
        var types = CommonOptions.InstanceTypes();

        var command = new Command("import", "Build a scenario from saved AWS CLI and kubectl output (no credentials, no AWS calls): subnets, the addresses and /28 prefixes already taken, node groups, CNI settings and ENIConfigs.")
        {
            subnets, vpcs, enis, instances, types, reservations, cluster, eniConfigs, awsNode, nodePools, nodeClasses, karpenter, nodegroups, vpcId, write, output,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var typesFile = parse.GetValue(types);
            var catalog = CommonOptions.LoadCatalog(typesFile);
            var files = new AwsImportFiles
            {
                Subnets = parse.GetValue(subnets)!,
                Vpcs = parse.GetValue(vpcs),
                NetworkInterfaces = parse.GetValue(enis),
                Instances = parse.GetValue(instances),
                InstanceTypes = typesFile?.ToString(),
                CidrReservations = parse.GetValue(reservations) ?? [],
                Clusters = parse.GetValue(cluster) ?? [],
                EniConfigs = parse.GetValue(eniConfigs),
                AwsNode = parse.GetValue(awsNode),
                VpcId = parse.GetValue(vpcId),
                NodePools = parse.GetValue(nodePools),
                Ec2NodeClasses = parse.GetValue(nodeClasses),
                KarpenterController = parse.GetValue(karpenter),
                Nodegroups = parse.GetValue(nodegroups) ?? [],
                InputLabels = InputFlags,
            };
            if (parse.GetValue(write) is { } writeTarget)
            {
                AtomicFile.CheckTarget(writeTarget);
            }

            var result = AwsImporter.Import(files, catalog);
            var text = parse.GetValue(output) == "json" ? DocJson.Write(result.Document) : result.Yaml;
            if (parse.GetValue(write) is { } path)
            {
                // Written before anything is printed: a failed write is the one line the user sees.
                AtomicFile.WriteAllText(path, text);
                context.Out.WriteLine($"Wrote {path}: {Describe(result.Summary)}.");
                context.Out.WriteLine($"Next: ipplanner validate {path}{TypesFlag(files)}; ipplanner plan {path}{TypesFlag(files)}");
            }
            else
            {
                context.Out.Write(text);
            }

            foreach (var warning in result.Warnings)
            {
                context.Error.WriteLine($"ipplanner: warning: {warning}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The flag that gives each input: Core names an input by its role, the CLI by the flag the user types.</summary>
    public static IReadOnlyDictionary<AwsImportInput, string> InputFlags { get; } = new Dictionary<AwsImportInput, string>
    {
        [AwsImportInput.Vpcs] = "--vpcs",
        [AwsImportInput.NetworkInterfaces] = "--network-interfaces",
        [AwsImportInput.Instances] = "--instances",
        [AwsImportInput.Cluster] = "--cluster",
        [AwsImportInput.AwsNode] = "--aws-node",
        [AwsImportInput.EniConfigs] = "--eniconfigs",
        [AwsImportInput.Ec2NodeClasses] = "--ec2nodeclasses",
        [AwsImportInput.InstanceTypes] = "--instance-types",
        [AwsImportInput.KarpenterController] = "--karpenter-controller",
        [AwsImportInput.Nodegroups] = "--nodegroups",
        [AwsImportInput.VpcId] = "--vpc-id",
    };

    /// <summary>"9 subnets of vpc-…, cluster orders-prod, 3 node groups (6 nodes), 31 taken addresses and 2 prefixes from 24 ENIs; 19 ENIs left out".</summary>
    public static string Describe(AwsImportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Count(summary.Subnets, "subnet")} of {summary.VpcId}, cluster {summary.Cluster}, {Count(summary.NodeGroups, "node group")} ({Count(summary.Nodes, "node")}), " +
            $"{Count(summary.TakenAddresses, "taken address", "taken addresses")} and {Count(summary.TakenPrefixes, "prefix", "prefixes")} from {Count(summary.EnisTaken, "ENI")}, " +
            $"{Count(summary.EnisLeftOut, "ENI")} left out for the planner to re-create");
    }

    private static Option<string?> File(string name, string command, bool required = false) => new Option<string?>(name)
    {
        Description = $"Output of '{command}'",
        HelpName = "FILE",
        Required = required,
    }.AsInput();

    private static string TypesFlag(AwsImportFiles files) =>
        files.InstanceTypes is { } path ? $" --instance-types {path}" : "";

    private static string Count(int n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many ?? one + "s")}");
}
