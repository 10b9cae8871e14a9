using System.Globalization;
using Quickenshtein;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// Turns a parsed document into a <see cref="ScenarioDraft"/>, reporting every key, type and value problem it
/// meets and reading on past it. Checks that need more than one field are the validator's.
/// </summary>
internal sealed class ScenarioReader(DiagnosticBag bag, InstanceCatalog catalog)
{
    private static readonly FieldShape s_subnetIds = FieldShape.ListOf(FieldShape.Text("a subnet id"), "subnet ids defined under subnets, e.g. [subnet-a, subnet-b]");

    private readonly InstanceCatalog _catalog = catalog;

    private static readonly Fields<ClusterDraft> s_cluster = new Fields<ClusterDraft>()
        .Required("name", FieldShape.Text("the cluster's name"), (r, n, p, d) => d.Name = r.String(n, p))
        .Optional("ipFamily", FieldShape.Choice(["ipv4", "ipv6"], "the pods' IP family (default ipv4)"), (r, n, p, d) => d.IpFamily = r.Choice(n, p, [("ipv4", IpFamily.Ipv4), ("ipv6", IpFamily.Ipv6)]) ?? d.IpFamily)
        .Required("controlPlaneSubnets", FieldShape.ListOf(FieldShape.Text("a subnet id"), "the cluster subnets, where EKS puts its control plane ENIs: at least 2 zones ([] while not chosen yet)"), (r, n, p, d) => r.SubnetRefs(n, p, d.ControlPlaneSubnets))
        .Optional("autoMode", FieldShape.Bool("EKS Auto Mode (computeConfig.enabled): the NodePools' nodes run Auto Mode's networking, not the VPC CNI settings of cni (default false)"), (r, n, p, d) => d.AutoMode = r.Bool(n, p) ?? false);

    private static readonly Fields<KarpenterDraft> s_karpenter = new Fields<KarpenterDraft>()
        .Whole("reservedEnis", FieldShape.Whole(0, ScenarioLimits.MaxEniOrPrefixTarget, "RESERVED_ENIS: ENIs left out of Karpenter's max pods for every type (1 with custom networking or security groups for pods; default 0)"), (d, v) => d.ReservedEnis = v ?? 0);

    private static readonly Fields<NodeClassDraft> s_nodeClass = new Fields<NodeClassDraft>()
        .Optional("ipv4PrefixSize", FieldShape.Choice(["Auto", "32"], "advancedNetworking.ipv4PrefixSize: Auto (/28 prefixes, single addresses when no /28 is free; the default) or \"32\" (single addresses)"), (r, n, p, d) => d.Ipv4PrefixSize = r.Choice(n, p, [("Auto", Ipv4PrefixSize.Auto), ("32", Ipv4PrefixSize.SingleAddresses)]) ?? d.Ipv4PrefixSize)
        .Optional("podSubnets", FieldShape.ListOf(FieldShape.Text("a subnet id"), "the subnets podSubnetSelectorTerms select: pods get addresses there (one in each zone the nodes use), not in the node subnet"), (r, n, p, d) => r.SubnetRefs(n, p, d.PodSubnets));

    private static readonly Fields<VpcDraft> s_vpc = new Fields<VpcDraft>()
        .Required("cidrs", FieldShape.ListOf(FieldShape.Cidr(false, "a CIDR block"), "the VPC's CIDR blocks, the primary first, e.g. [10.0.0.0/16]"), (r, n, p, d) => r.Sequence(n, p, "CIDR blocks (the primary first), e.g. [10.0.0.0/16]", (item, ip) =>
        {
            if (r.Cidr(item, ip, allowAddress: false) is { } cidr)
            {
                d.Cidrs.Add(cidr);
            }
        }))
        .Whole("cidrBlockQuota", FieldShape.Whole(1, Model.VpcSpec.MaxCidrBlockQuota, "the account's quota of IPv4 CIDR blocks per VPC (default 5; AWS raises it up to 50)"), (d, v) => d.CidrBlockQuota = v)
        .Whole("networkAddressUsageQuota", FieldShape.Whole(1, Model.VpcSpec.MaxNetworkAddressUsageQuota, "the VPC's Network Address Usage quota in units (default 64,000; AWS raises it up to 256,000)"), (d, v) => d.NetworkAddressUsageQuota = v ?? d.NetworkAddressUsageQuota)
        .Whole("peeredNetworkAddressUsage", FieldShape.Whole(0, Model.VpcSpec.MaxPeeredNetworkAddressUsageQuota, "Network Address Usage units the VPC's same-Region peers hold (set it when the VPC is peered: the peered quota is then checked)"), (d, v) => d.PeeredNetworkAddressUsage = v)
        .Whole("peeredNetworkAddressUsageQuota", FieldShape.Whole(1, Model.VpcSpec.MaxPeeredNetworkAddressUsageQuota, "the quota of the VPC and its same-Region peers together in units (default 128,000; up to 512,000)"), (d, v) => d.PeeredNetworkAddressUsageQuota = v ?? d.PeeredNetworkAddressUsageQuota)
        .Whole("otherNetworkAddressUsage", FieldShape.Whole(0, Model.VpcSpec.MaxPeeredNetworkAddressUsageQuota, "Network Address Usage units of what the scenario does not list: Lambda functions 6, EFS mount targets 6, transit gateway attachments 6, other EC2 instances 1 per address"), (d, v) => d.OtherNetworkAddressUsage = v ?? 0);

    private static readonly Fields<ReservationDraft> s_reservation = new Fields<ReservationDraft>()
        .Required("cidr", FieldShape.Cidr(false, "the reserved block, inside the subnet"), (r, n, p, d) => d.Cidr = r.Cidr(n, p, allowAddress: false))
        .Required("type", FieldShape.Choice(["prefix", "explicit"], "prefix: only /28 prefixes come from it; explicit: nothing is assigned from it automatically"), (r, n, p, d) => d.Type = r.Choice(n, p, [("prefix", ReservationType.Prefix), ("explicit", ReservationType.Explicit)]));

    private static readonly Fields<SubnetDraft> s_subnet = new Fields<SubnetDraft>()
        .Required("id", FieldShape.Text("the subnet id, referred to by other sections"), (r, n, p, d) => d.Id = r.String(n, p))
        .Required("cidr", FieldShape.Cidr(false, "the subnet's IPv4 block, /16 to /28"), (r, n, p, d) => d.Cidr = r.Cidr(n, p, allowAddress: false))
        .Required("zone", FieldShape.Text("the Availability Zone, e.g. us-east-1a"), (r, n, p, d) => d.Zone = r.String(n, p))
        .Optional("public", FieldShape.Bool("a public subnet (default false)"), (r, n, p, d) => d.Public = r.Bool(n, p) ?? false)
        .Optional("tags", FieldShape.MapOfScalars("tag keys to values"), (r, n, p, d) => r.StringMap(n, p, "tag keys to values", (key, value, _) => d.Tags[key] = value))
        .Optional("reservations", FieldShape.ListOfObjects(s_reservation, "subnet CIDR reservations"), (r, n, p, d) => r.Objects(n, p, "CIDR reservations ({cidr, type})", s_reservation, d.Reservations, (ip, line) => new ReservationDraft(ip, line)))
        .Whole("inUse", FieldShape.Whole(0, ScenarioLimits.MaxInUse, "addresses used by things the scenario does not list, placed lowest-free first"), (d, v) => d.InUse = v ?? 0)
        .Optional("taken", FieldShape.ListOf(FieldShape.Cidr(true, "an address or a CIDR block"), "addresses or blocks in use at their exact positions, e.g. [10.0.1.7, 10.0.1.32/28]"), (r, n, p, d) => r.Sequence(n, p, "addresses or CIDRs in use, e.g. [10.0.1.7, 10.0.1.32/28]", (item, ip) =>
        {
            if (r.Cidr(item, ip, allowAddress: true) is { } cidr)
            {
                d.Taken.Add(cidr);
            }
        }));

    private static readonly Fields<CniDraft> s_cni = new Fields<CniDraft>()
        .Optional("version", FieldShape.Text("the VPC CNI version, e.g. 1.18.3 or v1.12.6-eksbuild.2"), (r, n, p, d) =>
        {
            if (r.String(n, p) is not { } text)
            {
                return;
            }

            if (CniVersion.TryParse(text, out var version))
            {
                d.Settings = d.Settings with { Version = version };
            }
            else
            {
                r.Bag.Error(FindingCodes.CniVersionInvalid, p, $"'{text}' is not a VPC CNI version (expected X.Y.Z, e.g. 1.18.3 or v1.12.6-eksbuild.2)");
            }
        })
        .Optional("prefixDelegation", FieldShape.Bool("ENABLE_PREFIX_DELEGATION"), (r, n, p, d) => d.Settings = d.Settings with { PrefixDelegation = r.Bool(n, p) ?? d.Settings.PrefixDelegation })
        .Whole("warmEniTarget", FieldShape.Whole(0, ScenarioLimits.MaxEniOrPrefixTarget, "WARM_ENI_TARGET"), (d, v) => d.Settings = d.Settings with { WarmEniTarget = (int?)v ?? d.Settings.WarmEniTarget })
        .Whole("warmIpTarget", FieldShape.Whole(0, ScenarioLimits.MaxIpTarget, "WARM_IP_TARGET"), (d, v) => d.Settings = d.Settings with { WarmIpTarget = (int?)v ?? d.Settings.WarmIpTarget })
        .Whole("minimumIpTarget", FieldShape.Whole(0, ScenarioLimits.MaxIpTarget, "MINIMUM_IP_TARGET"), (d, v) => d.Settings = d.Settings with { MinimumIpTarget = (int?)v ?? d.Settings.MinimumIpTarget })
        .Whole("warmPrefixTarget", FieldShape.Whole(0, ScenarioLimits.MaxEniOrPrefixTarget, "WARM_PREFIX_TARGET"), (d, v) => d.Settings = d.Settings with { WarmPrefixTarget = (int?)v ?? d.Settings.WarmPrefixTarget })
        .Whole("maxEni", FieldShape.Whole(1, ScenarioLimits.MaxEniOrPrefixTarget, "MAX_ENI"), (d, v) => d.Settings = d.Settings with { MaxEni = (int?)v ?? d.Settings.MaxEni })
        .Optional("customNetworking", FieldShape.Bool("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG"), (r, n, p, d) => d.Settings = d.Settings with { CustomNetworking = r.Bool(n, p) ?? d.Settings.CustomNetworking })
        .Optional("eniConfigs", FieldShape.MapOfScalars("zones to pod subnet ids, e.g. {us-east-1a: subnet-pods-a}"), (r, n, p, d) => r.StringMap(n, p, "zones to subnet ids, e.g. {us-east-1a: subnet-pods-a}", (zone, subnet, sp) => d.EniConfigs.Add((zone, new SubnetRef(subnet, sp)))))
        .Optional("securityGroupsForPods", FieldShape.Bool("ENABLE_POD_ENI (security groups for pods, branch ENIs)"), (r, n, p, d) => d.Settings = d.Settings with { SecurityGroupsForPods = r.Bool(n, p) ?? d.Settings.SecurityGroupsForPods })
        .Optional("subnetDiscovery", FieldShape.Bool("ENABLE_SUBNET_DISCOVERY"), (r, n, p, d) => d.Settings = d.Settings with { SubnetDiscovery = r.Bool(n, p) ?? d.Settings.SubnetDiscovery })
        .Whole("ipCooldownSeconds", FieldShape.Whole(0, ScenarioLimits.MaxCooldownSeconds, "IP_COOLDOWN_PERIOD in seconds"), (d, v) => d.Settings = d.Settings with { IpCooldownSeconds = (int?)v ?? d.Settings.IpCooldownSeconds })
        .Optional("externalSnat", FieldShape.Bool("AWS_VPC_K8S_CNI_EXTERNALSNAT"), (r, n, p, d) => d.Settings = d.Settings with { ExternalSnat = r.Bool(n, p) ?? d.Settings.ExternalSnat })
        .Optional("multiNic", FieldShape.Bool("ENABLE_MULTI_NIC (VPC CNI 1.20+): an ENI and pool on every network card but EFA-only ones"), (r, n, p, d) => d.Settings = d.Settings with { MultiNic = r.Bool(n, p) ?? d.Settings.MultiNic })
        .Optional("efaOnlyCards", FieldShape.ListOf(FieldShape.Whole(1, ScenarioLimits.MaxEniOrPrefixTarget, "a network card index"), "network cards the nodes are launched with only an EFA-only interface on (multi-NIC leaves them alone), e.g. [1]"), (r, n, p, d) => d.Settings = d.Settings with { EfaOnlyCards = r.Cards(n, p) })
        .Optional("clusterName", FieldShape.Text("CLUSTER_NAME as aws-node sees it (default: the cluster's name; write \"\" when aws-node has none: then subnet discovery reads no cluster tag)"), (r, n, p, d) => d.Settings = d.Settings with { ClusterName = r.String(n, p) ?? d.Settings.ClusterName });

    private static readonly Fields<RequestsDraft> s_requests = new Fields<RequestsDraft>()
        .Optional("cpu", FieldShape.Cpu("the pod's CPU request, e.g. 250m or 0.5"), (r, n, p, d) =>
        {
            d.CpuMillicores = r.Cpu(n, p) ?? 0;
            d.Unreadable |= r.LastQuantityFailed;
        })
        .Optional("memory", FieldShape.Memory("the pod's memory request, e.g. 512Mi or 1Gi"), (r, n, p, d) =>
        {
            d.MemoryBytes = r.Memory(n, p) ?? 0;
            d.Unreadable |= r.LastQuantityFailed;
        });

    private static readonly Fields<DaemonSetDraft> s_daemonSet = new Fields<DaemonSetDraft>()
        .Required("name", FieldShape.Text("the DaemonSet's name"), (r, n, p, d) => d.Name = r.String(n, p))
        .Optional("cpu", FieldShape.Cpu("CPU request per pod, e.g. 100m"), (r, n, p, d) => d.CpuMillicores = r.Cpu(n, p) ?? 0)
        .Optional("memory", FieldShape.Memory("memory request per pod, e.g. 128Mi"), (r, n, p, d) => d.MemoryBytes = r.Memory(n, p) ?? 0)
        .Optional("hostNetwork", FieldShape.Bool("true when the pod uses the node's IP (takes no VPC IP)"), (r, n, p, d) => d.HostNetwork = r.Bool(n, p) ?? false);

    private static readonly Fields<NodePoolDraft> s_requirements = new Fields<NodePoolDraft>()
        .Optional("categories", FieldShape.ListOf(FieldShape.Text("a category"), "karpenter.k8s.aws/instance-category, e.g. [c, m, r]"), (r, n, p, d) => r.Strings(n, p, "instance categories, e.g. [c, m, r]", d.Categories))
        .Optional("families", FieldShape.ListOf(FieldShape.Text("a family"), "karpenter.k8s.aws/instance-family, e.g. [m5, m6i]"), (r, n, p, d) => r.Strings(n, p, "instance families, e.g. [m5, m6i]", d.Families))
        .Optional("sizes", FieldShape.ListOf(FieldShape.Text("a size"), "karpenter.k8s.aws/instance-size, e.g. [large, xlarge]"), (r, n, p, d) => r.Strings(n, p, "instance sizes, e.g. [large, xlarge]", d.Sizes))
        .Optional("generations", FieldShape.ListOf(FieldShape.Text("a generation"), "karpenter.k8s.aws/instance-generation, e.g. [5, 6]"), (r, n, p, d) => r.Strings(n, p, "instance generations, e.g. [5, 6]", d.Generations))
        .Optional("architecture", FieldShape.ListOf(FieldShape.Text("an architecture"), "kubernetes.io/arch, e.g. [amd64]"), (r, n, p, d) => r.Strings(n, p, "architectures, e.g. [amd64]", d.Architectures));

    private static readonly Fields<NodePoolDraft> s_limits = new Fields<NodePoolDraft>()
        .Optional("cpu", FieldShape.Cpu("the NodePool's CPU limit (the total over all its nodes), e.g. 1000"), (r, n, p, d) => d.LimitCpuMillicores = r.Cpu(n, p, poolTotal: true))
        .Optional("memory", FieldShape.Memory("the NodePool's memory limit (the total over all its nodes), e.g. 1000Gi"), (r, n, p, d) => d.LimitMemoryBytes = r.Memory(n, p, poolTotal: true));

    private static readonly Fields<PendingPodsDraft> s_pendingPods = new Fields<PendingPodsDraft>()
        .Whole("count", FieldShape.Whole(0, ScenarioLimits.MaxFargatePods, "pending pods"), (d, v) => d.Count = v ?? 0, required: true)
        .Optional("cpu", FieldShape.Cpu("each pending pod's CPU request, e.g. 250m"), (r, n, p, d) => d.CpuMillicores = r.Cpu(n, p) ?? 0)
        .Optional("memory", FieldShape.Memory("each pending pod's memory request, e.g. 512Mi"), (r, n, p, d) => d.MemoryBytes = r.Memory(n, p) ?? 0);

    private static readonly Fields<BudgetDraft> s_budget = new Fields<BudgetDraft>()
        .Required("nodes", FieldShape.Pattern(Kubernetes.DisruptionBudgets.NodesPattern, "the most nodes disrupted at once: a count such as \"5\" or a percentage such as \"10%\" (rounded up)"), (r, n, p, d) => d.Nodes = r.String(n, p))
        .Optional("reasons", FieldShape.ListOf(FieldShape.Choice(Kubernetes.DisruptionBudgets.Reasons, "a disruption reason"), "the reasons it applies to (default: all): Underutilized, Empty, Drifted"), (r, n, p, d) => r.Strings(n, p, "disruption reasons, e.g. [Drifted]", d.Reasons));

    private static readonly Fields<NodePoolDraft> s_disruption = new Fields<NodePoolDraft>()
        .Optional("budgets", FieldShape.ListOfObjects(s_budget, "disruption budgets; the most restrictive active one wins (default: one budget of nodes: \"10%\")"), (r, n, p, d) =>
        {
            d.BudgetsGiven = true;
            r.Objects(n, p, "disruption budgets ({nodes, reasons})", s_budget, d.Budgets, (ip, line) => new BudgetDraft(ip, line));
        });

    private static readonly Fields<UpdateConfigDraft> s_updateConfig = new Fields<UpdateConfigDraft>()
        .Whole("maxUnavailable", FieldShape.Whole(1, Kubernetes.ManagedNodeGroupUpdate.MaxUnavailableLimit, "nodes updated at once (default 1); or give maxUnavailablePercentage"), (d, v) => d.MaxUnavailable = v)
        .Whole("maxUnavailablePercentage", FieldShape.Whole(1, 100, "the percentage of nodes updated at once, up to 100 nodes"), (d, v) => d.MaxUnavailablePercentage = v)
        .Optional("updateStrategy", FieldShape.Choice(["DEFAULT", "MINIMAL"], "DEFAULT launches new nodes before terminating old ones (a surge); MINIMAL terminates first"), (r, n, p, d) =>
            d.Strategy = r.Choice(n, p, [("DEFAULT", Model.UpdateStrategy.Default), ("MINIMAL", Model.UpdateStrategy.Minimal)]) ?? d.Strategy);

    private static readonly Fields<NodePoolDraft> s_nodePool = new Fields<NodePoolDraft>()
        .Required("name", FieldShape.Text("the NodePool's name"), (r, n, p, d) => d.Name = r.String(n, p))
        .Optional("instanceTypes", FieldShape.ListOf(FieldShape.Text("an EC2 instance type"), "the instance types the NodePool may launch (or give requirements)"), (r, n, p, d) =>
        {
            d.InstanceTypesGiven = true;
            r.Sequence(n, p, "instance types, e.g. [m5.large, m5.xlarge]", (item, ip) =>
            {
                if (r.String(item, ip) is { } name)
                {
                    if (r._catalog.TryGet(name, out var type))
                    {
                        d.InstanceTypes.Add(type);
                    }
                    else
                    {
                        r.Bag.Error(FindingCodes.UnknownInstanceType, ip, r._catalog.UnknownTypeMessage(name));
                    }
                }
            });
        })
        .Optional("requirements", FieldShape.Object(s_requirements, "Karpenter well-known label requirements (or give instanceTypes)"), (r, n, p, d) =>
        {
            d.RequirementsGiven = true;
            r.Object(n, p, s_requirements, d);
        })
        .Required("subnets", s_subnetIds, (r, n, p, d) => r.SubnetRefs(n, p, d.Subnets))
        .Optional("limits", FieldShape.Object(s_limits, "the NodePool's limits (cpu, memory)"), (r, n, p, d) => r.Object(n, p, s_limits, d))
        .Whole("maxPods", FieldShape.Whole(1, ScenarioLimits.MaxPodsPerNode, "the EC2NodeClass's kubelet maxPods, for every type the pool launches (default: Karpenter's ENI-limited count less karpenter.reservedEnis)"), (d, v) => d.MaxPods = v)
        .Optional("nodeClass", FieldShape.Object(s_nodeClass, "EKS Auto Mode's NodeClass (with cluster.autoMode): ipv4PrefixSize and podSubnets"), (r, n, p, d) => d.NodeClass = r.Object(n, p, s_nodeClass, new NodeClassDraft(p, n.Start.Line)))
        .Required("pods", FieldShape.Object(s_pendingPods, "the pending pods Karpenter provisions for"), (r, n, p, d) => d.Pods = r.Object(n, p, s_pendingPods, new PendingPodsDraft(p, n.Start.Line)))
        .Optional("growth", FieldShape.Text("pending-pod growth per month for runway: +N/month, +P%/month or +N±SD/month"), (r, n, p, d) => d.Growth = r.Growth(n, p))
        .Optional("disruption", FieldShape.Object(s_disruption, "the NodePool's disruption settings (budgets), for simulate --upgrade"), (r, n, p, d) => r.Object(n, p, s_disruption, d));

    private static readonly Fields<NodeGroupDraft> s_nodeGroup = new Fields<NodeGroupDraft>()
        .Required("name", FieldShape.Text("the node group's name"), (r, n, p, d) => d.Name = r.String(n, p))
        .Optional("instanceType", FieldShape.Text("an EC2 instance type, e.g. m5.large (or give instanceTypes)"), (r, n, p, d) => r.InstanceTypeName(n, p, d))
        .Optional("instanceTypes", FieldShape.ListOf(FieldShape.Text("an EC2 instance type"), "a managed node group's instance types, in order (instead of instanceType): on-demand nodes launch as the first, and every node gets the smallest max pods of the list"), (r, n, p, d) =>
        {
            d.InstanceTypesGiven = true;
            r.Sequence(n, p, "instance types, e.g. [m5.large, m5.xlarge]", (item, ip) =>
            {
                if (r.String(item, ip) is { } name)
                {
                    if (r._catalog.TryGet(name, out var type))
                    {
                        d.InstanceTypes.Add(type);
                    }
                    else
                    {
                        r.Bag.Error(FindingCodes.UnknownInstanceType, ip, r._catalog.UnknownTypeMessage(name) + "; for a type newer than the embedded catalog, supply describe-instance-types output");
                    }
                }
            });

            // On-demand capacity launches in list order ("prioritized"): the first is the group's type.
            if (d.InstanceTypes.Count > 0 && d.InstanceTypeName is null)
            {
                d.Type = d.InstanceTypes[0];
                d.InstanceTypeName = d.InstanceTypes[0].Name;
            }
        })
        .Required("subnets", s_subnetIds, (r, n, p, d) => r.SubnetRefs(n, p, d.Subnets))
        .Whole("nodes", FieldShape.Whole(0, ScenarioLimits.MaxNodes, "nodes running now"), (d, v) => d.Nodes = v, required: true)
        .Whole("maxNodes", FieldShape.Whole(0, ScenarioLimits.MaxNodes, "the most nodes the group scales to (default: nodes)"), (d, v) => d.MaxNodes = v)
        .Whole("maxPods", FieldShape.Whole(1, ScenarioLimits.MaxPodsPerNode, "kubelet maxPods (default: the VPC CNI's formula)"), (d, v) => d.MaxPods = v)
        .Whole("podsPerNode", FieldShape.Whole(0, ScenarioLimits.MaxPodsPerNode, "pods with a pod IP per node (or give podRequests)"), (d, v) =>
        {
            d.PodsPerNodeGiven = true;
            d.PodsPerNode = v ?? 0;
        })
        .Optional("podRequests", FieldShape.Object(s_requests, "each pod's requests, instead of podsPerNode: pods per node then follow from CPU, memory, max pods and IPs"), (r, n, p, d) => d.PodRequests = r.Object(n, p, s_requests, new RequestsDraft(p, n.Start.Line)))
        .Whole("hostNetworkPodsPerNode", FieldShape.Whole(0, ScenarioLimits.MaxPodsPerNode, "host-network pods per node (default 2; with daemonSets, leave it out)"), (d, v) =>
        {
            d.HostNetworkPodsPerNodeGiven = true;
            d.HostNetworkPodsPerNode = v ?? d.HostNetworkPodsPerNode;
        })
        .Whole("securityGroupPodsPerNode", FieldShape.Whole(0, ScenarioLimits.MaxPodsPerNode, "pods per node on branch ENIs (security groups for pods)"), (d, v) => d.SecurityGroupPodsPerNode = v ?? 0)
        .Whole("unmanagedEnis", FieldShape.Whole(0, ScenarioLimits.MaxUnmanagedEnis, "ENIs per node tagged node.k8s.amazonaws.com/no_manage=true: an ENI slot and an address each in the node subnet, never a pod"), (d, v) => d.UnmanagedEnis = v ?? 0)
        .Optional("growth", FieldShape.Text("pod growth per month for runway: +N/month, +P%/month or +N±SD/month"), (r, n, p, d) => d.Growth = r.Growth(n, p))
        .Optional("updateConfig", FieldShape.Object(s_updateConfig, "how EKS replaces the nodes in a version update (managed node groups), for simulate --upgrade"), (r, n, p, d) => d.UpdateConfig = r.Object(n, p, s_updateConfig, new UpdateConfigDraft(p, n.Start.Line)));

    private static readonly Fields<FargateDraft> s_fargate = new Fields<FargateDraft>()
        .Required("name", FieldShape.Text("the profile's name"), (r, n, p, d) => d.Name = r.String(n, p))
        .Required("subnets", s_subnetIds, (r, n, p, d) => r.SubnetRefs(n, p, d.Subnets))
        .Whole("pods", FieldShape.Whole(0, ScenarioLimits.MaxFargatePods, "Fargate pods, one address each"), (d, v) => d.Pods = v ?? 0);

    private static readonly Fields<LoadBalancerDraft> s_loadBalancer = new Fields<LoadBalancerDraft>()
        .Required("name", FieldShape.Text("the load balancer's name"), (r, n, p, d) => d.Name = r.String(n, p))
        .Required("type", FieldShape.Choice(["alb", "nlb"], "alb or nlb"), (r, n, p, d) => d.Type = r.Choice(n, p, [("alb", LoadBalancerType.Alb), ("nlb", LoadBalancerType.Nlb)]))
        .Required("subnets", s_subnetIds, (r, n, p, d) => r.SubnetRefs(n, p, d.Subnets))
        .Optional("internal", FieldShape.Bool("an internal load balancer"), (r, n, p, d) => d.Internal = r.Bool(n, p));

    private static readonly Fields<EndpointDraft> s_endpoint = new Fields<EndpointDraft>()
        .Required("service", FieldShape.Text("the endpoint's service, e.g. ecr.api"), (r, n, p, d) => d.Service = r.String(n, p))
        .Optional("type", FieldShape.Choice(["interface", "gateway"], "interface (an ENI per subnet) or gateway (no address)"), (r, n, p, d) => d.Type = r.Choice(n, p, [("interface", EndpointType.Interface), ("gateway", EndpointType.Gateway)]))
        .Optional("subnets", s_subnetIds, (r, n, p, d) =>
        {
            d.SubnetsGiven = true;
            r.SubnetRefs(n, p, d.Subnets);
        });

    private static readonly Fields<NatDraft> s_nat = new Fields<NatDraft>()
        .Optional("name", FieldShape.Text("the NAT gateway's name"), (r, n, p, d) => d.Name = r.String(n, p))
        .Required("subnet", FieldShape.Text("the subnet id it sits in"), (r, n, p, d) => d.Subnet = r.String(n, p) is { } id ? new SubnetRef(id, p) : null);

    private static readonly Fields<WorkloadDraft> s_duration = new Fields<WorkloadDraft>()
        .Optional("distribution", FieldShape.Choice(["exponential", "lognormal"], "the distribution of job durations"), (r, n, p, d) => d.Distribution = r.Choice(n, p, [("exponential", DurationDistribution.Exponential), ("lognormal", DurationDistribution.LogNormal)]) ?? d.Distribution)
        .Optional("mean", FieldShape.Duration("the mean duration (exponential), e.g. 5m"), (r, n, p, d) => d.Duration = r.Duration(n, p))
        .Optional("median", FieldShape.Duration("the median duration (lognormal), e.g. 8m"), (r, n, p, d) => d.Duration = r.Duration(n, p))
        .Number("sigma", FieldShape.Number(0.01, 5, "the lognormal's sigma"), (d, v) => d.Sigma = v ?? d.Sigma);

    private static readonly Fields<WorkloadDraft> s_workload = new Fields<WorkloadDraft>()
        .Required("kind", FieldShape.Choice(["deployment", "jobs", "scale"], "deployment, jobs or scale"), (r, n, p, d) => d.Kind = r.Choice(n, p, [("deployment", WorkloadKind.Deployment), ("jobs", WorkloadKind.Jobs), ("scale", WorkloadKind.Scale)]))
        .Optional("name", FieldShape.Text("the workload's name"), (r, n, p, d) => d.Name = r.String(n, p))
        .Optional("nodeGroup", FieldShape.Text("the node group it runs on"), (r, n, p, d) => d.NodeGroup = r.String(n, p))
        .Whole("replicas", FieldShape.Whole(0, ScenarioLimits.MaxFargatePods, "a deployment's replicas"), (d, v) => d.Replicas = v ?? 0)
        .Optional("rolloutEvery", FieldShape.Duration("how often a deployment rolls out, e.g. 15m"), (r, n, p, d) => d.RolloutEvery = r.Duration(n, p))
        .Optional("maxSurge", FieldShape.Text("a count such as 2 or a percentage such as 25%"), (r, n, p, d) => d.MaxSurge = r.String(n, p))
        .Whole("podReadySeconds", FieldShape.Whole(0, ScenarioLimits.MaxCooldownSeconds, "seconds from start to ready (default 10)"), (d, v) => d.PodReady = v ?? 10)
        .Number("perMinute", FieldShape.Number(0, 100_000, "jobs: mean arrivals per minute"), (d, v) => d.PerMinute = v)
        .Optional("duration", FieldShape.Object(s_duration, "jobs: how long each runs"), (r, n, p, d) => r.Object(n, p, s_duration, d))
        .Optional("at", FieldShape.Duration("scale: when, e.g. 20m"), (r, n, p, d) => d.At = r.Duration(n, p))
        .Whole("nodes", FieldShape.Whole(0, ScenarioLimits.MaxNodes, "scale: the node count to scale to"), (d, v) => d.Nodes = v);

    /// <summary>One entry of <c>clusters:</c>: the cluster's own fields beside its sections.</summary>
    private static readonly Fields<ClusterScopeDraft> s_clusterEntry = ClusterSections(new Fields<ClusterScopeDraft>()
        .Required("name", FieldShape.Text("the cluster's name (also its CLUSTER_NAME for the VPC CNI's cluster tags unless cni.clusterName says otherwise)"), (r, n, p, d) => d.Cluster!.Name = r.String(n, p))
        .Optional("ipFamily", FieldShape.Choice(["ipv4", "ipv6"], "the pods' IP family (default ipv4)"), (r, n, p, d) => d.Cluster!.IpFamily = r.Choice(n, p, [("ipv4", IpFamily.Ipv4), ("ipv6", IpFamily.Ipv6)]) ?? d.Cluster!.IpFamily)
        .Required("controlPlaneSubnets", FieldShape.ListOf(FieldShape.Text("a subnet id"), "the cluster subnets, where EKS puts its control plane ENIs: at least 2 zones ([] while not chosen yet)"), (r, n, p, d) => r.SubnetRefs(n, p, d.Cluster!.ControlPlaneSubnets))
        .Optional("autoMode", FieldShape.Bool("EKS Auto Mode (computeConfig.enabled): the cluster's NodePools' nodes run Auto Mode's networking, not its cni settings (default false)"), (r, n, p, d) => d.Cluster!.AutoMode = r.Bool(n, p) ?? false));

    /// <summary>The top level. A later section (workloads, …) is one more line here and one more list on the draft.</summary>
    private static readonly Fields<ScenarioDraft> s_root = new Fields<ScenarioDraft>()
        .Optional("cluster", FieldShape.Object(s_cluster, "the EKS cluster (or give clusters)"), (r, n, p, d) => d.Main.Cluster = r.Object(n, p, s_cluster, new ClusterDraft(p, n.Start.Line)))
        .Optional("clusters", FieldShape.ListOfObjects(s_clusterEntry, "several EKS clusters in this VPC, in the order they are planned: each with its name, ipFamily, controlPlaneSubnets and its own cni, daemonSets, nodeGroups, nodePools, fargateProfiles and workloads (instead of cluster and those sections at the top level)"), (r, n, p, d) =>
        {
            d.ClustersGiven = true;
            r.Objects(n, p, "clusters ({name, controlPlaneSubnets, cni, nodeGroups, …})", s_clusterEntry, d.ClusterList, (ip, line) => new ClusterScopeDraft(ip, line));
        })
        .Required("vpc", FieldShape.Object(s_vpc, "the VPC"), (r, n, p, d) => d.Vpc = r.Object(n, p, s_vpc, new VpcDraft(p, n.Start.Line)))
        .Required("subnets", FieldShape.ListOfObjects(s_subnet, "the VPC's subnets"), (r, n, p, d) => r.Objects(n, p, "subnets ({id, cidr, zone, …})", s_subnet, d.Subnets, (ip, line) => new SubnetDraft(ip, line)))
        .Optional("cni", FieldShape.Object(s_cni, "the VPC CNI's settings (aws-node environment)"), (r, n, p, d) => r.Object(n, p, s_cni, d.Main.Cni))
        .Optional("karpenter", FieldShape.Object(s_karpenter, "the Karpenter controller's settings (reservedEnis)"), (r, n, p, d) => d.Main.Karpenter = r.Object(n, p, s_karpenter, new KarpenterDraft(p, n.Start.Line)))
        .Optional("daemonSets", FieldShape.ListOfObjects(s_daemonSet, "every DaemonSet on each node (aws-node and kube-proxy included); replaces hostNetworkPodsPerNode"), (r, n, p, d) => ReadDaemonSets(r, n, p, d.Main))
        .Number("vmMemoryOverheadPercent", FieldShape.Number(0, Catalog.AllocatableRule.MaxVmMemoryOverheadPercent, "Karpenter's VM_MEMORY_OVERHEAD_PERCENT, a fraction of nominal memory (default 0.075 = 7.5 %); allocatable memory follows it"), (d, v) => d.VmMemoryOverheadPercent = v ?? d.VmMemoryOverheadPercent)
        .Optional("nodeGroups", FieldShape.ListOfObjects(s_nodeGroup, "node groups"), (r, n, p, d) => r.Objects(n, p, "node groups ({name, instanceType, subnets, nodes, …})", s_nodeGroup, d.Main.NodeGroups, (ip, line) => new NodeGroupDraft(ip, line)))
        .Optional("nodePools", FieldShape.ListOfObjects(s_nodePool, "Karpenter NodePools"), (r, n, p, d) => r.Objects(n, p, "Karpenter NodePools ({name, instanceTypes or requirements, subnets, limits, pods})", s_nodePool, d.Main.NodePools, (ip, line) => new NodePoolDraft(ip, line)))
        .Optional("fargateProfiles", FieldShape.ListOfObjects(s_fargate, "Fargate profiles"), (r, n, p, d) => r.Objects(n, p, "Fargate profiles ({name, subnets, pods})", s_fargate, d.Main.FargateProfiles, (ip, line) => new FargateDraft(ip, line)))
        .Optional("loadBalancers", FieldShape.ListOfObjects(s_loadBalancer, "load balancers"), (r, n, p, d) => r.Objects(n, p, "load balancers ({name, type, subnets})", s_loadBalancer, d.LoadBalancers, (ip, line) => new LoadBalancerDraft(ip, line)))
        .Optional("endpoints", FieldShape.ListOfObjects(s_endpoint, "VPC endpoints"), (r, n, p, d) => r.Objects(n, p, "VPC endpoints ({service, subnets})", s_endpoint, d.Endpoints, (ip, line) => new EndpointDraft(ip, line)))
        .Optional("natGateways", FieldShape.ListOfObjects(s_nat, "NAT gateways"), (r, n, p, d) => r.Objects(n, p, "NAT gateways ({subnet})", s_nat, d.NatGateways, (ip, line) => new NatDraft(ip, line)))
        .Optional("workloads", FieldShape.ListOfObjects(s_workload, "workloads for simulate (deployment, jobs, scale)"), (r, n, p, d) => r.Objects(n, p, "workloads ({kind: deployment|jobs|scale, …})", s_workload, d.Main.Workloads, (ip, line) => new WorkloadDraft(ip, line)));

    /// <summary>A cluster entry's own sections, as the top level of a single-cluster file has them.</summary>
    private static Fields<ClusterScopeDraft> ClusterSections(Fields<ClusterScopeDraft> fields) => fields
        .Optional("cni", FieldShape.Object(s_cni, "the cluster's VPC CNI settings (aws-node environment)"), (r, n, p, d) => r.Object(n, p, s_cni, d.Cni))
        .Optional("karpenter", FieldShape.Object(s_karpenter, "the cluster's Karpenter controller settings (reservedEnis)"), (r, n, p, d) => d.Karpenter = r.Object(n, p, s_karpenter, new KarpenterDraft(p, n.Start.Line)))
        .Optional("daemonSets", FieldShape.ListOfObjects(s_daemonSet, "every DaemonSet on each of the cluster's nodes; replaces hostNetworkPodsPerNode"), (r, n, p, d) => ReadDaemonSets(r, n, p, d))
        .Optional("nodeGroups", FieldShape.ListOfObjects(s_nodeGroup, "the cluster's node groups"), (r, n, p, d) => r.Objects(n, p, "node groups ({name, instanceType, subnets, nodes, …})", s_nodeGroup, d.NodeGroups, (ip, line) => new NodeGroupDraft(ip, line)))
        .Optional("nodePools", FieldShape.ListOfObjects(s_nodePool, "the cluster's Karpenter NodePools"), (r, n, p, d) => r.Objects(n, p, "Karpenter NodePools ({name, instanceTypes or requirements, subnets, limits, pods})", s_nodePool, d.NodePools, (ip, line) => new NodePoolDraft(ip, line)))
        .Optional("fargateProfiles", FieldShape.ListOfObjects(s_fargate, "the cluster's Fargate profiles"), (r, n, p, d) => r.Objects(n, p, "Fargate profiles ({name, subnets, pods})", s_fargate, d.FargateProfiles, (ip, line) => new FargateDraft(ip, line)))
        .Optional("workloads", FieldShape.ListOfObjects(s_workload, "the cluster's workloads for simulate (deployment, jobs, scale)"), (r, n, p, d) => r.Objects(n, p, "workloads ({kind: deployment|jobs|scale, …})", s_workload, d.Workloads, (ip, line) => new WorkloadDraft(ip, line)));

    private static void ReadDaemonSets(ScenarioReader r, YNode n, string p, ClusterScopeDraft d)
    {
        d.DaemonSetsGiven = true;
        r.Objects(n, p, "DaemonSets ({name, cpu, memory, hostNetwork})", s_daemonSet, d.DaemonSets, (ip, line) => new DaemonSetDraft(ip, line));
    }

    /// <summary>The schema of a whole scenario, from the same table the reader dispatches on.</summary>
    internal static System.Text.Json.Nodes.JsonObject RootSchema() => s_root.Schema();

    public DiagnosticBag Bag { get; } = bag;

    /// <summary>Reads the whole document; <paramref name="root"/> is null for a file with no document.</summary>
    public ScenarioDraft Read(YNode? root)
    {
        var draft = new ScenarioDraft { Catalog = _catalog };
        if (root is null or YScalar { IsNull: true })
        {
            Bag.Error(FindingCodes.EmptyDocument, new SourcePosition(1, 1), "", $"the file holds no scenario (expected a mapping with the keys {string.Join(", ", s_root.Keys)})");
            return draft;
        }

        Mapping(root, "", s_root, draft);
        return draft;
    }

    // Structure.

    private TDraft? Object<TDraft>(YNode node, string path, Fields<TDraft> fields, TDraft draft)
        where TDraft : class =>
        Mapping(node, path, fields, draft) ? draft : null;

    /// <summary>Reads a mapping with <paramref name="fields"/>; false when the node is not a mapping at all.</summary>
    private bool Mapping<TDraft>(YNode node, string path, Fields<TDraft> fields, TDraft draft)
    {
        Bag.Record(path, node.Start);
        if (node is not YMapping map)
        {
            var what = path.Length == 0 ? "a scenario" : $"'{path}'";
            WrongType(node, path, $"{what} is a mapping with the keys {string.Join(", ", fields.Keys)}");
            return false;
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not YScalar { IsNull: false } key)
            {
                Bag.Error(FindingCodes.WrongType, keyNode.Start, path, $"a key must be a plain name, not {keyNode.Describe()} (expected one of {string.Join(", ", fields.Keys)})");
                continue;
            }

            var fieldPath = Join(path, key.Value);
            if (!seen.Add(key.Value))
            {
                Bag.Error(FindingCodes.DuplicateKey, key.Start, fieldPath, $"'{key.Value}' appears twice in this mapping (the first one is used; delete the other)");
                continue;
            }

            if (!fields.TryGet(key.Value, out var read))
            {
                Bag.Error(FindingCodes.UnknownKey, key.Start, fieldPath, UnknownKeyMessage(key.Value, fields.Keys, path));
                continue;
            }

            // A scalar is blamed where it stands; a list or mapping at its key, since a block one starts a line below.
            Bag.Record(fieldPath, value is YScalar ? value.Start : key.Start);
            if (value is YScalar { IsNull: true })
            {
                // "maxPods:" with nothing after it means "not set", like leaving the key out.
                continue;
            }

            present.Add(key.Value);
            read(this, value, fieldPath, draft);
        }

        foreach (var required in fields.RequiredKeys)
        {
            if (!present.Contains(required))
            {
                var what = seen.Contains(required) ? "is empty" : "is missing";
                Bag.Error(FindingCodes.MissingField, Bag.Locate(Join(path, required)), Join(path, required), $"required field {what}{MissingHint(required)}");
            }
        }

        return true;
    }

    private void Objects<TDraft>(YNode node, string path, string what, Fields<TDraft> fields, List<TDraft> into, Func<string, int, TDraft> create) =>
        Sequence(node, path, what, (item, itemPath) =>
        {
            var draft = create(itemPath, item.Start.Line);
            if (Mapping(item, itemPath, fields, draft))
            {
                into.Add(draft);
            }
        });

    private void Sequence(YNode node, string path, string what, Action<YNode, string> readItem)
    {
        if (node is not YSequence seq)
        {
            var hint = node is YScalar { IsNull: false } s ? $" (for one entry write [{s.Value}] or '- {s.Value}')" : "";
            WrongType(node, path, $"expected a list of {what}{hint}");
            return;
        }

        for (var i = 0; i < seq.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            Bag.Record(itemPath, seq.Items[i].Start);
            readItem(seq.Items[i], itemPath);
        }
    }

    private void StringMap(YNode node, string path, string what, Action<string, string, string> add)
    {
        if (node is not YMapping map)
        {
            WrongType(node, path, $"expected a mapping of {what}");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not YScalar { IsNull: false } key)
            {
                Bag.Error(FindingCodes.WrongType, keyNode.Start, path, $"a key must be a plain name, not {keyNode.Describe()}");
                continue;
            }

            var entryPath = $"{path}[{key.Value}]";
            if (!seen.Add(key.Value))
            {
                Bag.Error(FindingCodes.DuplicateKey, key.Start, entryPath, $"'{key.Value}' appears twice (the first one is used; delete the other)");
                continue;
            }

            Bag.Record(entryPath, value is YScalar ? value.Start : key.Start);
            // A tag with an empty value is common (kubernetes.io/role/elb: ""): keep it as "".
            if (value is YScalar scalar)
            {
                add(key.Value, scalar.IsNull ? "" : scalar.Value, entryPath);
            }
            else
            {
                WrongType(value, entryPath, "expected a string");
            }
        }
    }

    private List<int> Cards(YNode node, string path)
    {
        var cards = new List<int>();
        Sequence(node, path, "network card indexes, e.g. [1]", (item, itemPath) =>
        {
            if (Integer(item, itemPath, 1, ScenarioLimits.MaxEniOrPrefixTarget) is { } card)
            {
                cards.Add((int)card);
            }
        });
        return cards;
    }

    private void Strings(YNode node, string path, string what, List<string> into) =>
        Sequence(node, path, what, (item, itemPath) =>
        {
            if (String(item, itemPath) is { } value)
            {
                into.Add(value.Trim());
            }
        });

    private void SubnetRefs(YNode node, string path, List<SubnetRef> into) =>
        Sequence(node, path, "subnet ids, e.g. [subnet-a, subnet-b]", (item, itemPath) =>
        {
            if (String(item, itemPath) is { } id)
            {
                into.Add(new SubnetRef(id, itemPath));
            }
        });

    // Scalars.

    private string? String(YNode node, string path)
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                Bag.Error(FindingCodes.MissingField, path, "expected a value here, found nothing");
                return null;
            case YScalar s:
                return s.Value;
            default:
                WrongType(node, path, "expected a string");
                return null;
        }
    }

    private GrowthRate? Growth(YNode node, string path)
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        if (GrowthRate.TryParse(text, out var rate, out var error))
        {
            return rate;
        }

        Bag.Error(FindingCodes.GrowthInvalid, node.Start, path, error!);
        return null;
    }

    internal long? Integer(YNode node, string path, long min, long max)
    {
        if (node is not YScalar s || s.IsNull)
        {
            WrongType(node, path, $"expected a whole number from {min} to {max}");
            return null;
        }

        var text = s.Value.Trim();
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        var looksNumeric = digits.Length > 0 && digits.All(char.IsAsciiDigit);
        if (!s.IsPlain)
        {
            var hint = looksNumeric ? " (write it without quotes)" : "";
            WrongType(node, path, $"expected a whole number from {min} to {max}, got the string '{s.Value}'{hint}");
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                var limit = min == 0 ? "cannot be negative" : $"must be {min} or more";
                var problem = value < min ? limit : $"is more than {max}, the most a scenario allows";
                Bag.Error(FindingCodes.OutOfRange, path, $"{value} {problem} (expected {min} to {max})");
                return null;
            }

            return value;
        }

        if (looksNumeric)
        {
            Bag.Error(FindingCodes.OutOfRange, path, $"{text} is far too large (expected {min} to {max})");
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            WrongType(node, path, $"expected a whole number from {min} to {max}, got {text}");
        }
        else
        {
            WrongType(node, path, $"expected a whole number from {min} to {max}, got {s.Describe()}{NumberText.ForeignDigitHint(text)}");
        }

        return null;
    }

    /// <summary>A plain number (whole or decimal) within [min, max].</summary>
    internal double? Number(YNode node, string path, double min, double max)
    {
        if (node is YScalar { IsPlain: true, IsNull: false } s &&
            double.TryParse(s.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value < min || value > max)
            {
                Bag.Error(FindingCodes.OutOfRange, path, $"{s.Value} is out of range (expected {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)})");
                return null;
            }

            return value;
        }

        WrongType(node, path, $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got {node.Describe()}{NumberText.ForeignDigitHint((node as YScalar)?.Value)}");
        return null;
    }

    /// <summary>A Kubernetes CPU quantity (250m, 0.5, 2) in millicores.</summary>
    private long? Cpu(YNode node, string path, bool poolTotal = false) =>
        Quantity(node, path, (string text, out long value, out string problem) => Kubernetes.ResourceQuantity.TryParseCpuMillicores(text, out value, out problem, poolTotal));

    /// <summary>A Kubernetes memory quantity (512Mi, 1Gi, 1G) in bytes.</summary>
    private long? Memory(YNode node, string path, bool poolTotal = false) =>
        Quantity(node, path, (string text, out long value, out string problem) => Kubernetes.ResourceQuantity.TryParseMemoryBytes(text, out value, out problem, poolTotal));

    private delegate bool QuantityParser(string text, out long value, out string problem);

    /// <summary>True when the last quantity read was reported as an error (so later checks stay quiet about it).</summary>
    public bool LastQuantityFailed { get; private set; }

    private long? Quantity(YNode node, string path, QuantityParser parse)
    {
        LastQuantityFailed = true;
        if (String(node, path) is not { } text)
        {
            return null;
        }

        if (parse(text, out var value, out var problem))
        {
            LastQuantityFailed = false;
            return value;
        }

        Bag.Error(FindingCodes.InvalidValue, path, problem);
        return null;
    }

    /// <summary>A duration such as 30s, 15m, 2h, 1h30m, or a plain number of seconds; returns seconds.</summary>
    private double? Duration(YNode node, string path)
    {
        if (node is YScalar { IsNull: false } s && DurationText.TryParseSeconds(s.Value, out var seconds))
        {
            return seconds;
        }

        WrongType(node, path, $"expected a duration such as 30s, 15m, 2h or 1h30m, got {node.Describe()}");
        return null;
    }

    private bool? Bool(YNode node, string path)
    {
        if (node is YScalar { IsPlain: true } s)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
                case "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "y" or "n":
                    WrongType(node, path, $"expected true or false, got '{s.Value}' (YAML 1.1's yes/no/on/off mean different things to different tools)");
                    return null;
                default:
                    break;
            }
        }

        var quoted = node is YScalar { IsPlain: false } q && (q.Value is "true" or "false") ? " (write it without quotes)" : "";
        WrongType(node, path, $"expected true or false, got {node.Describe()}{quoted}");
        return null;
    }

    private TEnum? Choice<TEnum>(YNode node, string path, (string Name, TEnum Value)[] options)
        where TEnum : struct
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        foreach (var (name, value) in options)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var names = options.Select(o => o.Name).ToList();
        Bag.Error(FindingCodes.InvalidValue, path, $"'{text}' is not valid (expected {Alternatives(names)})");
        return null;
    }

    private CidrDraft? Cidr(YNode node, string path, bool allowAddress)
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        if (!CidrText.TryParse(text, allowAddress, out var cidr, out var failure))
        {
            Bag.Error(failure.Kind == CidrFailureKind.HostBitsSet ? FindingCodes.CidrHostBits : FindingCodes.CidrInvalid, path, CidrText.Describe(text, failure, allowAddress));
            return new CidrDraft(text, null, path, node.Start.Line);
        }

        return new CidrDraft(text, cidr, path, node.Start.Line);
    }

    private void InstanceTypeName(YNode node, string path, NodeGroupDraft draft)
    {
        if (String(node, path) is not { } name)
        {
            return;
        }

        draft.InstanceTypeName = name;
        if (_catalog.TryGet(name, out var type))
        {
            draft.Type = type;
        }
        else
        {
            Bag.Error(FindingCodes.UnknownInstanceType, path, _catalog.UnknownTypeMessage(name) + "; for a type newer than the embedded catalog, supply describe-instance-types output");
        }
    }

    private void WrongType(YNode node, string path, string message) =>
        Bag.Error(FindingCodes.WrongType, node.Start, path, message.Contains(", got ", StringComparison.Ordinal) ? message : $"{message}, got {node.Describe()}");

    // Messages.

    internal static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string UnknownKeyMessage(string key, IReadOnlyList<string> known, string path)
    {
        var where = path.Length == 0 ? "at the top level" : $"in {path}";
        var suggestion = Closest(key, known);
        var hint = suggestion is null ? "" : $"did you mean '{suggestion}'? ";
        return $"unknown key '{key}' {where} ({hint}expected {Alternatives(known)})";
    }

    /// <summary>The known name nearest to <paramref name="name"/>, if it is near enough to be a typo.</summary>
    internal static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                ? 0
                : Levenshtein.GetDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    internal static string Alternatives(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "nothing",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}",
    };

    private static string MissingHint(string key) => key switch
    {
        "cidr" => " (e.g. cidr: 10.0.0.0/24)",
        "zone" => " (the Availability Zone, e.g. zone: us-east-1a)",
        "subnets" or "controlPlaneSubnets" => " (a list of subnet ids defined under subnets)",
        "instanceType" => " (e.g. instanceType: m5.large)",
        "cidrs" => " (the VPC's CIDR blocks, e.g. cidrs: [10.0.0.0/16])",
        _ => "",
    };
}
