using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Input;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>One test per validation rule: a small scenario that breaks it, and the code, field and line reported.</summary>
[TestFixture]
public sealed class ScenarioValidationTests
{
    private const string CustomNetworkingOn =
        """
        cni:
          customNetworking: true
          eniConfigs:
            us-east-1a: subnet-pods-a

        """;

    private const string PodSubnets =
        """
          - id: subnet-pods-a
            cidr: 10.0.64.0/18
            zone: us-east-1a
          - id: subnet-pods-b
            cidr: 10.0.128.0/18
            zone: us-east-1b
        """;

    private static readonly string WithPodSubnets = With(Base, "    zone: us-east-1b", "    zone: us-east-1b\n" + PodSubnets);

    private static IEnumerable<TestCaseData> Rules()
    {
        // Syntax and structure.
        yield return Rule("unclosed flow list", "cluster:\n  name: [unclosed\nvpc: {\n", FindingCodes.YamlSyntax, "", 2);
        yield return Rule("bad indentation", "cluster:\n  name: a\n bad: 1\n", FindingCodes.YamlSyntax, "", 3);
        yield return Rule("empty file", "# nothing here\n", FindingCodes.EmptyDocument, "", 1);
        yield return Rule("document marker only", "---\n", FindingCodes.EmptyDocument, "", 1);
        yield return Rule("two documents", Base + "---\ncluster: {}\n", FindingCodes.MultipleDocuments, "", AppendedLine);
        yield return Rule("top level is a list", "- a\n- b\n", FindingCodes.WrongType, "", 1);

        // Keys.
        yield return Rule("unknown key", With("    podsPerNode: 10", "    podsPerNod: 10"), FindingCodes.UnknownKey, "nodeGroups[0].podsPerNod", PodsPerNodeLine);
        yield return Rule("unknown top-level section", Append("nodegroups: []\n"), FindingCodes.UnknownKey, "nodegroups", AppendedLine);
        yield return Rule("duplicate key", With("    nodes: 3", "    subnets: [subnet-a]"), FindingCodes.DuplicateKey, "nodeGroups[0].subnets", NodesLine);
        yield return Rule("missing required field", With("    zone: us-east-1b", "    public: false"), FindingCodes.MissingField, "subnets[1].zone", SubnetBLine);
        yield return Rule("required field left empty", With("    instanceType: m5.large", "    instanceType:"), FindingCodes.MissingField, "nodeGroups[0].instanceType", InstanceTypeLine);
        yield return Rule("missing section", Base.Replace("vpc:\n  cidrs: [10.0.0.0/16]\n", "\n\n", StringComparison.Ordinal), FindingCodes.MissingField, "vpc", 1);

        // Scalar types.
        yield return Rule("quoted number", With("    nodes: 3", "    nodes: \"3\""), FindingCodes.WrongType, "nodeGroups[0].nodes", NodesLine);
        yield return Rule("word for a number", With("    nodes: 3", "    nodes: three"), FindingCodes.WrongType, "nodeGroups[0].nodes", NodesLine);
        yield return Rule("fraction for a count", With("    nodes: 3", "    nodes: 2.5"), FindingCodes.WrongType, "nodeGroups[0].nodes", NodesLine);
        yield return Rule("scalar for a list", With("    subnets: [subnet-a, subnet-b]", "    subnets: subnet-a"), FindingCodes.WrongType, "nodeGroups[0].subnets", NodeGroupSubnetsLine);
        yield return Rule("list for a string", With("    instanceType: m5.large", "    instanceType: [m5.large]"), FindingCodes.WrongType, "nodeGroups[0].instanceType", InstanceTypeLine);
        yield return Rule("yes for a boolean", With("    zone: us-east-1b", "    zone: us-east-1b\n    public: yes"), FindingCodes.WrongType, "subnets[1].public", SubnetBLine + 3);
        yield return Rule("bad enum value", Append("loadBalancers:\n  - name: web\n    type: elb\n    subnets: [subnet-a, subnet-b]\n"), FindingCodes.InvalidValue, "loadBalancers[0].type", AppendedLine + 2);
        yield return Rule("bad ipFamily", With("  name: test", "  ipFamily: ipv5"), FindingCodes.InvalidValue, "cluster.ipFamily", 2);

        // Workloads (the time simulation's input).
        yield return Rule("workload on an unknown node group", Append("workloads:\n  - kind: deployment\n    nodeGroup: wrokers\n    replicas: 3\n"), FindingCodes.UnknownNodeGroup, "workloads[0].nodeGroup", AppendedLine + 2);
        yield return Rule("deployment without replicas", Append("workloads:\n  - kind: deployment\n    name: web\n"), FindingCodes.MissingField, "workloads[0].replicas", AppendedLine + 1);
        yield return Rule("bad maxSurge", Append("workloads:\n  - kind: deployment\n    replicas: 4\n    maxSurge: lots\n"), FindingCodes.InvalidValue, "workloads[0].maxSurge", AppendedLine + 3);
        yield return Rule("bad duration", Append("workloads:\n  - kind: deployment\n    replicas: 4\n    rolloutEvery: soon\n"), FindingCodes.WrongType, "workloads[0].rolloutEvery", AppendedLine + 3);
        yield return Rule("jobs without a rate", Append("workloads:\n  - kind: jobs\n    duration: { mean: 2m }\n"), FindingCodes.MissingField, "workloads[0].perMinute", AppendedLine + 1);
        yield return Rule("scale event without a time", Append("workloads:\n  - kind: scale\n    nodeGroup: workers\n    nodes: 5\n"), FindingCodes.MissingField, "workloads[0]", AppendedLine + 1);
        yield return Rule("unknown workload kind", Append("workloads:\n  - kind: cronjob\n"), FindingCodes.InvalidValue, "workloads[0].kind", AppendedLine + 1);

        // Counts.
        yield return Rule("negative count", With("    nodes: 3", "    nodes: -1"), FindingCodes.OutOfRange, "nodeGroups[0].nodes", NodesLine);
        yield return Rule("absurd node count", With("    nodes: 3", "    nodes: 100001"), FindingCodes.OutOfRange, "nodeGroups[0].nodes", NodesLine);
        yield return Rule("absurd pods per node", With("    podsPerNode: 10", "    podsPerNode: 10001"), FindingCodes.OutOfRange, "nodeGroups[0].podsPerNode", PodsPerNodeLine);
        yield return Rule("number beyond 64 bits", With("    nodes: 3", "    nodes: 99999999999999999999"), FindingCodes.OutOfRange, "nodeGroups[0].nodes", NodesLine);
        yield return Rule("maxNodes below nodes", With("    podsPerNode: 10", "    maxNodes: 2"), FindingCodes.MaxNodesBelowNodes, "nodeGroups[0].maxNodes", PodsPerNodeLine);
        yield return Rule("growth that is not a rate", With("    podsPerNode: 10", "    podsPerNode: 10\n    growth: 20 pods"), FindingCodes.GrowthInvalid, "nodeGroups[0].growth", PodsPerNodeLine + 1);
        yield return Rule("growth without podsPerNode", With("    podsPerNode: 10", "    growth: +20/month"), FindingCodes.GrowthWithoutPodsPerNode, "nodeGroups[0].growth", PodsPerNodeLine);
        yield return Rule("kubelet maxPods zero", With("    podsPerNode: 10", "    maxPods: 0"), FindingCodes.OutOfRange, "nodeGroups[0].maxPods", PodsPerNodeLine);
        yield return Rule("inUse beyond the subnet", With("    zone: us-east-1b", "    inUse: 252"), FindingCodes.InUseExceedsSubnet, "subnets[1].inUse", SubnetBLine + 2);
        yield return Rule("taken plus inUse beyond the subnet",
            With("    zone: us-east-1b", "    zone: us-east-1b\n    inUse: 240\n    taken: [10.0.1.16/28]"), FindingCodes.InUseExceedsSubnet, "subnets[1].taken", SubnetBLine + 4);
        yield return Rule("maxEni below 1", Append("cni:\n  maxEni: 0\n"), FindingCodes.OutOfRange, "cni.maxEni", AppendedLine + 1);

        // CIDRs.
        yield return Rule("not a CIDR", With("    cidr: 10.0.0.0/24", "    cidr: 10.0.0/24"), FindingCodes.CidrInvalid, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("zero-padded address byte", With("    cidr: 10.0.0.0/24", "    cidr: 10.0.032.0/19"), FindingCodes.CidrInvalid, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("zero-padded first byte", With("    cidr: 10.0.0.0/24", "    cidr: 010.0.0.0/24"), FindingCodes.CidrInvalid, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("zero-padded prefix length", With("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.0/024"), FindingCodes.CidrInvalid, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("zero-padded taken address", With("    zone: us-east-1b", "    zone: us-east-1b\n    taken: [10.0.1.07]"), FindingCodes.CidrInvalid, "subnets[1].taken[0]", SubnetBLine + 3);
        yield return Rule("prefix beyond 32", With("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.0/33"), FindingCodes.CidrInvalid, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("no prefix length", With("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.0"), FindingCodes.CidrInvalid, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("IPv6 CIDR", With("    cidr: 10.0.0.0/24", "    cidr: 2600:1f18::/64"), FindingCodes.CidrInvalid, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("host bits set", With("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.5/24"), FindingCodes.CidrHostBits, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("VPC CIDR host bits", With("  cidrs: [10.0.0.0/16]", "  cidrs: [10.0.3.0/16]"), FindingCodes.CidrHostBits, "vpc.cidrs[0]", VpcCidrsLine);
        yield return Rule("VPC CIDR too large", With("  cidrs: [10.0.0.0/16]", "  cidrs: [10.0.0.0/8]"), FindingCodes.CidrSize, "vpc.cidrs[0]", VpcCidrsLine);
        yield return Rule("subnet too small", With("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.0/29"), FindingCodes.CidrSize, "subnets[0].cidr", SubnetACidrLine);
        yield return Rule("overlapping VPC CIDRs", With("  cidrs: [10.0.0.0/16]", "  cidrs: [10.0.0.0/16, 10.0.128.0/17]"), FindingCodes.VpcCidrOverlap, "vpc.cidrs[1]", VpcCidrsLine);
        yield return Rule("more VPC CIDRs than the quota",
            With("  cidrs: [10.0.0.0/16]", "  cidrs: [10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16, 10.4.0.0/16, 10.5.0.0/16]"), FindingCodes.VpcCidrQuota, "vpc.cidrs", VpcCidrsLine, Severity.Warning);
        yield return Rule("subnet outside the VPC", With("    cidr: 10.0.1.0/24", "    cidr: 10.1.1.0/24"), FindingCodes.SubnetOutsideVpc, "subnets[1].cidr", SubnetBCidrLine);
        yield return Rule("overlapping subnets", With("    cidr: 10.0.1.0/24", "    cidr: 10.0.0.0/23"), FindingCodes.SubnetOverlap, "subnets[1].cidr", SubnetBCidrLine);
        yield return Rule("duplicate subnet id", With("  - id: subnet-b", "  - id: subnet-a"), FindingCodes.DuplicateSubnetId, "subnets[1].id", SubnetBIdLine);
        yield return Rule("taken address outside the subnet", With("    zone: us-east-1b", "    taken: [10.0.1.7, 10.0.2.9]"), FindingCodes.TakenOutsideSubnet, "subnets[1].taken[1]", SubnetBLine + 2);
        // An address held twice is an error: the engine cannot build the subnet (plan used to exit 70 after validate
        // called it a warning).
        yield return Rule("taken entries overlap", With("    zone: us-east-1b", "    zone: us-east-1b\n    taken: [10.0.1.16/28, 10.0.1.20]"), FindingCodes.TakenOverlap, "subnets[1].taken[1]", SubnetBLine + 3);
        // 10.0.1.0/24: .0 (network), .1 (router), .2 (DNS), .3 (future) and .255 (broadcast) are AWS's.
        yield return Rule("taken network address", With("    zone: us-east-1b", "    zone: us-east-1b\n    taken: [10.0.1.0]"), FindingCodes.TakenReserved, "subnets[1].taken[0]", SubnetBLine + 3);
        yield return Rule("taken DNS address", With("    zone: us-east-1b", "    zone: us-east-1b\n    taken: [10.0.1.7, 10.0.1.2]"), FindingCodes.TakenReserved, "subnets[1].taken[1]", SubnetBLine + 3);
        yield return Rule("taken last address", With("    zone: us-east-1b", "    zone: us-east-1b\n    taken: [10.0.1.255]"), FindingCodes.TakenReserved, "subnets[1].taken[0]", SubnetBLine + 3);
        yield return Rule("taken CIDR with host bits", With("    zone: us-east-1b", "    zone: us-east-1b\n    taken: [10.0.1.17/28]"), FindingCodes.CidrHostBits, "subnets[1].taken[0]", SubnetBLine + 3);
        yield return Rule("reservation outside the subnet",
            With("    zone: us-east-1b", "    zone: us-east-1b\n    reservations: [{cidr: 10.0.2.0/28, type: prefix}]"), FindingCodes.ReservationOutsideSubnet, "subnets[1].reservations[0].cidr", SubnetBLine + 3);
        yield return Rule("overlapping reservations",
            With("    zone: us-east-1b", "    zone: us-east-1b\n    reservations:\n      - {cidr: 10.0.1.0/26, type: prefix}\n      - {cidr: 10.0.1.32/27, type: explicit}"),
            FindingCodes.ReservationOverlap, "subnets[1].reservations[1].cidr", SubnetBLine + 5);
        yield return Rule("bad reservation type",
            With("    zone: us-east-1b", "    zone: us-east-1b\n    reservations: [{cidr: 10.0.1.0/26, type: prefixes}]"), FindingCodes.InvalidValue, "subnets[1].reservations[0].type", SubnetBLine + 3);

        // References and names.
        yield return Rule("unknown control plane subnet", With("  controlPlaneSubnets: [subnet-a, subnet-b]", "  controlPlaneSubnets: [subnet-a, subnet-c]"), FindingCodes.UnknownSubnet, "cluster.controlPlaneSubnets[1]", ControlPlaneLine);
        yield return Rule("unknown node group subnet", With("    subnets: [subnet-a, subnet-b]", "    subnets: [subnet-a, subnet-x]"), FindingCodes.UnknownSubnet, "nodeGroups[0].subnets[1]", NodeGroupSubnetsLine);
        yield return Rule("unknown ENIConfig subnet", Append("cni:\n  customNetworking: true\n  eniConfigs: {us-east-1a: subnet-a, us-east-1b: subnet-pods-b}\n"), FindingCodes.UnknownSubnet, "cni.eniConfigs[us-east-1b]", AppendedLine + 2);
        yield return Rule("unknown Fargate subnet", Append("fargateProfiles:\n  - name: apps\n    subnets: [subnet-q]\n    pods: 10\n"), FindingCodes.UnknownSubnet, "fargateProfiles[0].subnets[0]", AppendedLine + 2);
        yield return Rule("unknown load balancer subnet", Append("loadBalancers:\n  - name: web\n    type: nlb\n    subnets: [subnet-a, subnet-z]\n"), FindingCodes.UnknownSubnet, "loadBalancers[0].subnets[1]", AppendedLine + 3);
        yield return Rule("unknown endpoint subnet", Append("endpoints:\n  - service: sts\n    subnets: [subnet-e]\n"), FindingCodes.UnknownSubnet, "endpoints[0].subnets[0]", AppendedLine + 2);
        yield return Rule("unknown NAT gateway subnet", Append("natGateways:\n  - subnet: subnet-public\n"), FindingCodes.UnknownSubnet, "natGateways[0].subnet", AppendedLine + 1);
        yield return Rule("duplicate node group name",
            Append("  - name: workers\n    instanceType: m5.large\n    subnets: [subnet-a]\n    nodes: 1\n"), FindingCodes.DuplicateName, "nodeGroups[1].name", AppendedLine);
        yield return Rule("unknown instance type", With("    instanceType: m5.large", "    instanceType: m5.lrage"), FindingCodes.UnknownInstanceType, "nodeGroups[0].instanceType", InstanceTypeLine);
        yield return Rule("interface endpoint without subnets", Append("endpoints:\n  - service: sts\n"), FindingCodes.MissingField, "endpoints[0].subnets", AppendedLine + 1);
        yield return Rule("two subnets in one zone for an endpoint",
            With("  - id: subnet-b", "  - id: subnet-b").Replace("zone: us-east-1b", "zone: us-east-1a", StringComparison.Ordinal) + "endpoints:\n  - service: sts\n    subnets: [subnet-a, subnet-b]\n",
            FindingCodes.OneSubnetPerZone, "endpoints[0].subnets[1]", AppendedLine + 2);
        yield return Rule("ALB in one zone", Append("loadBalancers:\n  - name: web\n    type: alb\n    subnets: [subnet-a]\n"), FindingCodes.AlbZones, "loadBalancers[0].subnets", AppendedLine + 3);

        // Cluster and CNI rules.
        yield return Rule("control plane in one zone", With("  controlPlaneSubnets: [subnet-a, subnet-b]", "  controlPlaneSubnets: [subnet-a]"), FindingCodes.ControlPlaneZones, "cluster.controlPlaneSubnets", ControlPlaneLine);
        yield return Rule("malformed CNI version", Append("cni:\n  version: 1.x\n"), FindingCodes.CniVersionInvalid, "cni.version", AppendedLine + 1);
        yield return Rule("custom networking without an ENIConfig for a zone with nodes",
            WithPodSubnets + CustomNetworkingOn, FindingCodes.EniConfigMissing, "nodeGroups[0].subnets", NodeGroupSubnetsLine + 6);
        yield return Rule("ENIConfig subnet in another zone",
            WithPodSubnets + "cni:\n  customNetworking: true\n  eniConfigs:\n    us-east-1a: subnet-pods-a\n    us-east-1b: subnet-pods-a\n",
            FindingCodes.EniConfigZoneMismatch, "cni.eniConfigs[us-east-1b]", AppendedLine + 6 + 4);
        yield return Rule("ENIConfigs without custom networking",
            WithPodSubnets + "cni:\n  eniConfigs:\n    us-east-1a: subnet-pods-a\n", FindingCodes.EniConfigIgnored, "cni.eniConfigs", AppendedLine + 6 + 1, Severity.Warning);
        yield return Rule("IPv6 with custom networking",
            With("  name: test", "  ipFamily: ipv6") + "cni:\n  prefixDelegation: true\n  customNetworking: true\n", FindingCodes.Ipv6CustomNetworking, "cni.customNetworking", AppendedLine + 2);
        yield return Rule("IPv6 without prefix delegation", With("  name: test", "  ipFamily: ipv6"), FindingCodes.Ipv6RequiresPrefixDelegation, "cluster.ipFamily", 2);
        yield return Rule("prefix delegation on a non-Nitro type",
            With("    instanceType: m5.large", "    instanceType: m4.large") + "cni:\n  prefixDelegation: true\n", FindingCodes.PrefixDelegationUnsupported, "nodeGroups[0].instanceType", InstanceTypeLine, Severity.Warning);
        yield return Rule("prefix delegation on an old CNI", Append("cni:\n  version: 1.8.0\n  prefixDelegation: true\n"), FindingCodes.PrefixDelegationVersion, "cni.version", AppendedLine + 1, Severity.Warning);
        yield return Rule("prefix delegation with every target 0", Append("cni:\n  prefixDelegation: true\n  warmPrefixTarget: 0\n"), FindingCodes.PrefixTargetsZero, "cni.warmPrefixTarget", AppendedLine + 2, Severity.Warning);
        yield return Rule("security-group pods without ENABLE_POD_ENI",
            With("    podsPerNode: 10", "    securityGroupPodsPerNode: 4"), FindingCodes.SecurityGroupsForPodsDisabled, "nodeGroups[0].securityGroupPodsPerNode", PodsPerNodeLine);
        yield return Rule("security-group pods on a type that cannot trunk",
            With("    podsPerNode: 10", "    securityGroupPodsPerNode: 4").Replace("m5.large", "t3.large", StringComparison.Ordinal) + "cni:\n  securityGroupsForPods: true\n",
            FindingCodes.SecurityGroupsForPodsUnsupported, "nodeGroups[0].securityGroupPodsPerNode", PodsPerNodeLine);
        yield return Rule("more security-group pods than branch ENIs",
            With("    podsPerNode: 10", "    securityGroupPodsPerNode: 12") + "cni:\n  securityGroupsForPods: true\n",
            FindingCodes.SecurityGroupsForPodsExceedBranches, "nodeGroups[0].securityGroupPodsPerNode", PodsPerNodeLine, Severity.Warning);
        yield return Rule("Fargate on a public subnet",
            With("    zone: us-east-1b", "    zone: us-east-1b\n    public: true") + "fargateProfiles:\n  - name: apps\n    subnets: [subnet-a, subnet-b]\n",
            FindingCodes.FargatePublicSubnet, "fargateProfiles[0].subnets[1]", AppendedLine + 1 + 2);
        yield return Rule("gateway endpoint with subnets", Append("endpoints:\n  - service: s3\n    type: gateway\n    subnets: [subnet-a]\n"), FindingCodes.GatewayEndpointSubnets, "endpoints[0].subnets", AppendedLine + 3, Severity.Warning);
        yield return Rule("NAT gateway in a private subnet", Append("natGateways:\n  - subnet: subnet-a\n"), FindingCodes.NatPrivateSubnet, "natGateways[0].subnet", AppendedLine + 1, Severity.Warning);
        yield return Rule("external SNAT without a NAT gateway", Append("cni:\n  externalSnat: true\n"), FindingCodes.ExternalSnatWithoutNat, "cni.externalSnat", AppendedLine + 1, Severity.Warning);
    }

    private static string[] Codes(params string[] codes) => codes;

    private static TestCaseData Rule(string name, string yaml, string code, string field, int line, Severity severity = Severity.Error) =>
        new TestCaseData(yaml, code, field, line, severity).SetName($"LoadText_{name.Replace(' ', '_')}_Reports{code}");

    [TestCaseSource(nameof(Rules))]
    public void LoadText_BrokenRule_ReportsCodeFieldAndLine(string yaml, string code, string field, int line, Severity severity)
    {
        var result = Load(yaml);

        var found = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.That(found, Is.Not.Empty, $"no '{code}' among:\n{string.Join('\n', result.Diagnostics)}");
        var match = found.FirstOrDefault(d => d.Field == field);
        Assert.That(match, Is.Not.Null, $"no '{code}' at field '{field}' among:\n{string.Join('\n', result.Diagnostics)}");
        Assert.Multiple(() =>
        {
            Assert.That(match!.Line, Is.EqualTo(line), match.ToString());
            Assert.That(match.Column, Is.GreaterThan(0), match.ToString());
            Assert.That(match.Severity, Is.EqualTo(severity), match.ToString());
            Assert.That(match.File, Is.EqualTo("test.yaml"));
            Assert.That(result.Scenario is null, Is.EqualTo(result.HasErrors), "a scenario is returned exactly when there are no errors");
        });
    }

    [Test]
    public void LoadText_Base_IsValidWithoutFindings()
    {
        var result = Load(Base);

        Assert.That(result.Diagnostics, Is.Empty, string.Join('\n', result.Diagnostics));
        Assert.That(result.Scenario, Is.Not.Null);
    }

    [Test]
    public void LoadText_ManyIndependentProblems_ReportsEveryOne()
    {
        var yaml = With(Base, "    cidr: 10.0.0.0/24", "    cidr: 10.0.0.5/24");
        yaml = With(yaml, "    instanceType: m5.large", "    instanceType: m5.lrage");
        yaml = With(yaml, "    nodes: 3", "    nodes: -4");
        yaml = With(yaml, "  name: test", "  nme: test");

        var result = Load(yaml);

        Assert.That(result.Errors.Select(d => d.Code), Is.EquivalentTo(Codes(
            FindingCodes.UnknownKey, FindingCodes.MissingField, FindingCodes.CidrHostBits,
            FindingCodes.UnknownInstanceType, FindingCodes.OutOfRange)), string.Join('\n', result.Diagnostics));
        Assert.That(result.Diagnostics.Select(d => d.Line), Is.Ordered, "diagnostics come in file order");
    }

    [Test]
    public void LoadText_HostBits_SuggestsTheNetworkForm()
    {
        var result = Load(With("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.5/24"));

        Assert.That(result.Errors.Single().Message, Does.Contain("10.0.0.0/24"));
    }

    [Test]
    public void LoadText_UnknownKey_SuggestsTheClosestKnownKey()
    {
        var result = Load(With("    podsPerNode: 10", "    podsPerNod: 10"));

        Assert.That(result.Errors.Single().Message, Does.Contain("did you mean 'podsPerNode'"));
    }

    [Test]
    public void LoadText_UnknownInstanceType_SuggestsCatalogNames()
    {
        var result = Load(With("    instanceType: m5.large", "    instanceType: m5.lrage"));

        Assert.That(result.Errors.Single().Message, Does.Contain("m5.large"));
    }

    [Test]
    public void LoadText_UnknownSubnet_SuggestsTheClosestDefinedId()
    {
        var result = Load(With("    subnets: [subnet-a, subnet-b]", "    subnets: [subnet-a, subnet-bb]"));

        Assert.That(result.Errors.Single().Message, Does.Contain("did you mean 'subnet-b'"));
    }

    [Test]
    public void LoadText_SyntaxError_SaysWhereWithoutYamlDotNetsPositionPrefix()
    {
        var result = Load("cluster:\n  name: a\n bad: 1\n");

        var error = result.Errors.Single();
        Assert.That(error.ToString(), Does.StartWith("test.yaml:3:"));
        Assert.That(error.Message, Does.Not.Contain("Idx:"));
    }

    [Test]
    public void LoadText_DuplicateSubnetId_ReferencesStillResolveWithoutExtraErrors()
    {
        var result = Load(With("  - id: subnet-b", "  - id: subnet-a"));

        // subnet-b is now undefined: the control plane and node group references to it are real findings too.
        Assert.That(result.Errors.Select(d => d.Code).Distinct(), Is.EquivalentTo(Codes(FindingCodes.DuplicateSubnetId, FindingCodes.UnknownSubnet)));
    }

    [Test]
    public void LoadText_WrongTypeList_IsNotAlsoReportedAsEmpty()
    {
        var result = Load(With("    subnets: [subnet-a, subnet-b]", "    subnets: subnet-a"));

        Assert.That(result.Errors.Select(d => d.Code), Is.EqualTo(Codes(FindingCodes.WrongType)));
    }

    [Test]
    public void LoadText_EniConfigNamedDefault_CoversZonesWithoutTheirOwn()
    {
        var yaml = WithPodSubnets.Replace("cidr: 10.0.128.0/18\n    zone: us-east-1b", "cidr: 10.0.128.0/18\n    zone: us-east-1a", StringComparison.Ordinal)
            + "cni:\n  customNetworking: true\n  eniConfigs:\n    default: subnet-pods-a\n";

        var result = Load(yaml);

        // The default ENIConfig's subnet is in us-east-1a, so nodes in us-east-1b cannot use it.
        Assert.That(result.Errors.Select(d => d.Code), Is.EqualTo(Codes(FindingCodes.EniConfigZoneMismatch)), string.Join('\n', result.Diagnostics));
    }

    [Test]
    public void LoadText_AliasToAnchor_IsReadLikeTheAnchoredValue()
    {
        var yaml = With("  controlPlaneSubnets: [subnet-a, subnet-b]", "  controlPlaneSubnets: &both [subnet-a, subnet-b]");
        yaml = With(yaml, "    subnets: [subnet-a, subnet-b]", "    subnets: *both");

        var result = Load(yaml);

        Assert.That(result.Scenario!.NodeGroups[0].Subnets, Is.EqualTo(Codes("subnet-a", "subnet-b")));
    }

    [Test]
    public void LoadText_AliasWithoutAnchor_IsASyntaxError()
    {
        var result = Load(With("    subnets: [subnet-a, subnet-b]", "    subnets: *nowhere"));

        Assert.That(result.Errors.Single().Code, Is.EqualTo(FindingCodes.YamlSyntax));
    }

    [Test]
    public void LoadText_DeeplyNestedInput_IsRejectedNotOverflowed()
    {
        var result = Load("cluster: " + new string('[', 5000) + new string(']', 5000) + "\n");

        Assert.That(result.Errors.Select(d => d.Code), Does.Contain(FindingCodes.YamlSyntax));
    }
}
