using System.CommandLine;
using System.Globalization;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Cli.Commands;

/// <summary>
/// <c>ipplanner validate FILE</c>: loads a scenario file and reports every problem in it, one per line, or says
/// what it holds when it is valid. Exit 0 when valid (warnings allowed), 1 with errors, 2 when unreadable.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A scenario file, YAML or JSON (see samples/)" }.AsInput();
        var output = CommonOptions.Output("text", "json");
        var types = CommonOptions.InstanceTypes();
        var prices = CommonOptions.Prices();
        var command = new Command("validate", "Check a scenario file: YAML syntax, keys and types, CIDRs, subnet placement and overlaps, references, instance types and CNI rules.")
        {
            file, output, types, prices,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types), parse.GetValue(prices));
            var path = parse.GetValue(file)!;
            var result = ScenarioLoader.LoadFile(path, catalog);
            if (parse.GetValue(output) == "json")
            {
                WriteJson(context.Out, path, result);
            }
            else
            {
                WriteText(context.Out, path, result);
            }

            return result.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>"6 subnets in 3 zones, 2 node groups (…), …; VPC CNI 1.19.2, secondary IPs (WARM_ENI_TARGET=1)".</summary>
    public static string Describe(ProvisionedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var parts = new List<string>
        {
            $"{Count(scenario.Subnets.Count, "subnet")} in {Count(scenario.Zones.Count, "zone")}",
        };
        // The file's node groups and NodePools by the names the file gives them (a NodePool's NodeClaims are its nodes).
        var nodeGroups = scenario.AllNodeGroups;
        if (scenario.NodeGroups.Count > 0)
        {
            var groups = scenario.NodeGroups.Select(g =>
                g.MaxNodes == g.Nodes ? $"{g.Name}: {g.Nodes} x {g.InstanceType}" : $"{g.Name}: {g.Nodes}-{g.MaxNodes} x {g.InstanceType}");
            parts.Add($"{Count(scenario.NodeGroups.Count, "node group")} ({string.Join(", ", groups)})");
        }

        if (scenario.NodePools.Count > 0)
        {
            var pools = scenario.NodePools.Select(p =>
                $"{p.Name}: {Count(p.PodCount, "pending pod")} on {Count(p.NodeGroups.Sum(g => g.Nodes), "NodeClaim")}");
            parts.Add($"{Count(scenario.NodePools.Count, "NodePool")} ({string.Join(", ", pools)})");
        }

        if (scenario.FargateProfiles.Count > 0)
        {
            parts.Add($"{Count(scenario.FargateProfiles.Count, "Fargate profile")} ({Count(scenario.FargateProfiles.Sum(f => f.Pods), "pod")})");
        }

        if (scenario.LoadBalancers.Count > 0)
        {
            parts.Add(Count(scenario.LoadBalancers.Count, "load balancer"));
        }

        if (scenario.Endpoints.Count > 0)
        {
            var interfaces = scenario.Endpoints.Count(e => e.Type == EndpointType.Interface);
            parts.Add($"{Count(scenario.Endpoints.Count, "VPC endpoint")} ({interfaces} interface)");
        }

        if (scenario.NatGateways.Count > 0)
        {
            parts.Add(Count(scenario.NatGateways.Count, "NAT gateway"));
        }

        if (scenario.HasSeveralClusters)
        {
            // Each cluster with its own family and VPC CNI, in the order they are planned.
            var clusters = scenario.ClusterNames.Select(c =>
            {
                var cni = scenario.CniOf(c);
                var types = nodeGroups.Where(g => scenario.ClusterNameOf(g) == c).Select(g => g.Type);
                return $"{c} ({scenario.ClusterSpecOf(c).IpFamily.ToString().ToLowerInvariant()}, VPC CNI {cni.Version}, {cni.Describe(types)})";
            });
            return $"{string.Join(", ", parts)}; {Count(scenario.ClusterNames.Count, "cluster")}: {string.Join("; ", clusters)}";
        }

        var family = scenario.Cluster.IpFamily.ToString().ToLowerInvariant();
        if (scenario.Cluster.AutoMode && scenario.NodePools.Count > 0)
        {
            // The NodePools' nodes run Auto Mode's networking; the VPC CNI settings size the file's node groups only.
            var environment = scenario.NodePoolEnvironment;
            var auto = string.Join("; ", scenario.NodePools.Select(p => $"NodePool {p.Name}: {Core.Cni.AutoModeNetworking.Describe(environment.CniFor(p.Spec))}"));
            return scenario.NodeGroups.Count == 0
                ? $"{string.Join(", ", parts)}; {family}, {auto}"
                : $"{string.Join(", ", parts)}; {family}, VPC CNI {scenario.Cni.Version}, {scenario.Cni.Describe(scenario.NodeGroups.Select(g => g.Type))} for the node groups; {auto}";
        }

        return $"{string.Join(", ", parts)}; {family}, VPC CNI {scenario.Cni.Version}, {scenario.Cni.Describe(nodeGroups.Select(g => g.Type))}";
    }

    private static string Count(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    private static void WriteText(TextWriter writer, string path, ScenarioLoadResult result)
    {
        if (result.Provisioned is { } scenario)
        {
            writer.WriteLine($"{path}: valid: {Describe(scenario)}");
            foreach (var diagnostic in result.Diagnostics)
            {
                writer.WriteLine(diagnostic);
            }

            if (result.Warnings.Count > 0)
            {
                writer.WriteLine($"{path}: {Count(result.Warnings.Count, "warning")}");
            }

            return;
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            writer.WriteLine(diagnostic);
        }

        writer.WriteLine($"{path}: invalid: {Count(result.Errors.Count, "error")}, {Count(result.Warnings.Count, "warning")}");
    }

    private static void WriteJson(TextWriter writer, string path, ScenarioLoadResult result)
    {
        var report = new ValidateReport(
            path,
            !result.HasErrors,
            result.Errors.Count,
            result.Warnings.Count,
            result.Provisioned is { } scenario ? Describe(scenario) : null,
            result.Diagnostics);
        JsonOutput.Write(writer, report);
    }
}

/// <summary>The whole <c>validate -o json</c> document; each diagnostic is a finding in the one shape every verb writes.</summary>
internal sealed record ValidateReport(string File, bool Valid, int Errors, int Warnings, string? Summary, IReadOnlyList<Finding> Diagnostics);
