using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The checks that look at more than one field: address space, references, names and the CNI rules of
/// docs/rules.md. Works on a draft with holes (fields that failed to read are null and skipped), and stays quiet
/// where an earlier error would make a finding a mere echo of it. Each set of rules is a type of its own; they run in
/// this order, the address rules first because every other set resolves subnet references against what they register.
/// </summary>
internal sealed class ScenarioValidator(DiagnosticBag bag)
{
    public void Validate(ScenarioDraft d)
    {
        var scope = new ValidationScope(bag);
        var addresses = new AddressRules(scope);
        var cluster = new ClusterRules(scope);
        var nodeGroups = new NodeGroupRules(scope);
        var consumers = new ConsumerRules(scope);
        var workloads = new WorkloadRules(scope);
        var nodePools = new NodePoolRules(scope);
        addresses.CheckVpc(d);
        addresses.CheckSubnets(d);
        cluster.CheckClusters(d);
        // Node group and NodePool names are unique in the whole file: the plan lists every cluster's in one table.
        var groupNames = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var c in d.Clusters)
        {
            cluster.CheckCluster(d, c);
            cluster.CheckCni(d, c);
            nodeGroups.CheckDaemonSets(c);
            nodeGroups.CheckNodeGroups(d, c, groupNames);
            nodePools.CheckNodePools(d, c, groupNames);
            consumers.CheckFargate(c);
            workloads.CheckWorkloads(c);
            workloads.CheckSomethingToPlan(c);
        }

        cluster.CheckClusterTags(d);
        consumers.CheckLoadBalancers(d);
        consumers.CheckEndpoints(d);
        consumers.CheckNatGateways(d);
    }
}
