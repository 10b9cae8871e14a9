using System.Globalization;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Core.AwsImport;

/// <summary>
/// Builds a scenario from the saved output of the AWS CLI and kubectl, offline. Every address and /28 prefix on an
/// ENI the planner does not re-create itself becomes a <c>taken</c> entry at its real position; the ENIs of the
/// running nodes it models, and one control plane ENI per cluster subnet, are left out because the planner
/// re-creates them (keeping them too would count them twice). Every inferred value carries a comment saying
/// where it came from. The result is checked with the ordinary <see cref="ScenarioLoader"/>.
/// </summary>
public sealed partial class AwsImporter
{
    /// <summary>The placeholder name of the cluster a VPC-only import plans; the user renames it.</summary>
    public const string NewClusterName = "new-cluster";

    /// <summary>Tag keys copied to the scenario: the ones Kubernetes and the VPC CNI read.</summary>
    private const string KubernetesTagPrefix = "kubernetes.io/";

    private readonly AwsImportFiles _files;
    private readonly InstanceCatalog _catalog;
    private readonly List<string> _warnings = [];

    private IReadOnlyList<AwsVpc>? _vpcs;
    private IReadOnlyList<AwsSubnet> _allSubnets = [];
    private IReadOnlyList<AwsNetworkInterface>? _enis;
    private IReadOnlyList<AwsInstance>? _instances;
    private readonly List<AwsCidrReservation> _reservations = [];
    private EksCluster? _cluster;

    // The clusters after the first when several describe-cluster files are given: each with its control plane subnets.
    private readonly List<(EksCluster Eks, string File, List<string> ControlPlaneSubnets)> _otherClusters = [];
    private IReadOnlyList<EniConfigEntry>? _eniConfigs;
    private AwsNodeDaemonSet? _awsNode;
    private List<(EksNodegroup Group, string File)> _nodegroups = [];

    private string _vpcId = "";
    private List<Ipv4Cidr> _vpcCidrs = [];
    private bool _vpcCidrsGuessed;
    private List<AwsSubnet> _subnets = [];
    private Dictionary<string, AwsSubnet> _subnetById = new(StringComparer.Ordinal);
    private string _clusterName = "";
    private string _clusterNameSource = "";
    private List<string> _controlPlaneSubnets = [];
    private Dictionary<string, AwsInstance> _instanceById = new(StringComparer.Ordinal);
    private readonly List<NodeGroupDraft> _groups = [];
    private readonly Dictionary<string, NodeGroupDraft> _groupOfInstance = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SubnetImport> _subnetImports = new(StringComparer.Ordinal);

    private AwsImporter(AwsImportFiles files, InstanceCatalog catalog)
    {
        _files = files;
        _catalog = catalog;
    }

    /// <summary>
    /// Reads <paramref name="files"/> and builds the scenario. Throws <see cref="InputException"/> with one line naming
    /// the file, the field and what was expected when an input is wrong or the inputs do not fit together.
    /// </summary>
    public static AwsImportResult Import(AwsImportFiles files, InstanceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(catalog);
        return new AwsImporter(files, catalog).Run();
    }

    private AwsImportResult Run()
    {
        ReadAll();
        ChooseVpc();
        KeepSubnets();
        IdentifyCluster();
        InferNodeGroups();
        SortEnis();
        var cni = ImportCni();
        var clusterCni = _otherClusters.Count == 0
            ? new Dictionary<string, CniImport>(StringComparer.Ordinal)
            : ImportedClusters.ToDictionary(c => c, ImportClusterCni, StringComparer.Ordinal);
        EstimatePods(group => clusterCni.TryGetValue(group.Cluster, out var own) ? own.Settings : cni.Settings);
        PlaceReservations();
        CheckAvailableCounts();
        var document = BuildDocument(cni, clusterCni);
        var yaml = ScenarioYaml.Write(document);
        var scenario = Verify(yaml);
        var summary = new AwsImportSummary(
            _vpcId,
            string.Join(", ", ImportedClusters),
            _subnets.Count,
            _groups.Count,
            _groups.Sum(g => g.Instances.Count),
            _subnetImports.Values.Sum(s => s.Taken.Sum(e => e.Eni.Addresses.Count)),
            _subnetImports.Values.Sum(s => s.Taken.Sum(e => e.Eni.Prefixes.Count)),
            _subnetImports.Values.Sum(s => s.Taken.Count),
            _subnetImports.Values.Sum(s => s.NodeEnis.Count + s.ControlPlaneLeftOut.Count));
        return new AwsImportResult(document, yaml, scenario, _warnings, summary);
    }

    // Reading.

    private void ReadAll()
    {
        _allSubnets = DescribeSubnetsReader.Read(_files.Subnets, out var ipv6Only);
        if (ipv6Only.Count > 0)
        {
            _warnings.Add($"{_files.Subnets}: {ipv6Only.Count} IPv6-only subnet(s) skipped (no IPv4 block): {string.Join(", ", ipv6Only)}");
        }

        var seen = new Dictionary<string, AwsSubnet>(StringComparer.Ordinal);
        foreach (var subnet in _allSubnets)
        {
            if (!seen.TryAdd(subnet.Id, subnet))
            {
                throw InputException.At(_files.Subnets, null, null, subnet.Where, $"subnet {subnet.Id} is listed twice (also at {seen[subnet.Id].Where}); were two outputs pasted together?");
            }
        }

        _vpcs = _files.Vpcs is { } vpcs ? DescribeVpcsReader.Read(vpcs) : null;
        _enis = _files.NetworkInterfaces is { } enis ? DescribeNetworkInterfacesReader.Read(enis) : null;
        _instances = _files.Instances is { } instances ? DescribeInstancesReader.Read(instances) : null;
        if (_instances is not null && _enis is null)
        {
            throw new InputException($"{_files.Instances}: describe-instances needs describe-network-interfaces too ({_files.Label(AwsImportInput.NetworkInterfaces)}): without the ENIs the nodes' addresses cannot be told apart from everything else's");
        }

        foreach (var file in _files.CidrReservations)
        {
            _reservations.AddRange(SubnetCidrReservationsReader.Read(file));
        }

        _cluster = _files.Cluster is { } cluster ? DescribeClusterReader.Read(cluster) : null;
        foreach (var file in _files.Clusters.Skip(1))
        {
            _otherClusters.Add((DescribeClusterReader.Read(file), file, []));
        }

        if (_otherClusters.Count > 0)
        {
            // aws-node, ENIConfigs and NodePools are one cluster's objects, and the saved files do not say whose.
            foreach (var (given, input) in (ReadOnlySpan<(string?, AwsImportInput)>)[(_files.AwsNode, AwsImportInput.AwsNode), (_files.EniConfigs, AwsImportInput.EniConfigs), (_files.NodePools ?? _files.Ec2NodeClasses, AwsImportInput.Ec2NodeClasses)])
            {
                if (given is not null)
                {
                    throw new InputException($"{_files.Label(input)} {given}: with several describe-cluster files it cannot be told whose it is; import each cluster's settings on its own, or leave it out (each cluster gets the VPC CNI's defaults)");
                }
            }

            var names = new HashSet<string>(StringComparer.Ordinal) { _cluster!.Name };
            foreach (var (eks, file, _) in _otherClusters)
            {
                if (!names.Add(eks.Name))
                {
                    throw InputException.At(file, null, null, "cluster.name", $"cluster {eks.Name} is given twice ({_files.Label(AwsImportInput.Cluster)})");
                }
            }
        }
        _eniConfigs = _files.EniConfigs is { } eniConfigs ? EniConfigReader.Read(eniConfigs) : null;
        _awsNode = _files.AwsNode is { } awsNode ? AwsNodeReader.Read(awsNode) : null;
        _nodegroups = [.. _files.Nodegroups.Select(file => (DescribeNodegroupReader.Read(file), file))];
        _instanceById = new Dictionary<string, AwsInstance>(StringComparer.Ordinal);
        foreach (var instance in _instances ?? [])
        {
            _instanceById.TryAdd(instance.Id, instance);
        }
    }

    // The VPC and its subnets.

    private void ChooseVpc()
    {
        var source = _files.Vpcs ?? _files.Subnets;
        var known = _vpcs is not null
            ? _vpcs.Select(v => v.Id).Distinct(StringComparer.Ordinal).ToList()
            : _allSubnets.Select(s => s.VpcId).Distinct(StringComparer.Ordinal).ToList();
        var list = known.Count == 0 ? "none" : string.Join(", ", known);
        if (_files.VpcId is { } wanted)
        {
            if (!known.Contains(wanted, StringComparer.Ordinal))
            {
                throw new InputException($"{_files.Label(AwsImportInput.VpcId)} {wanted}: no such VPC in {source} (VPCs there: {list})");
            }

            if (_cluster?.VpcId is { } clusterVpc && clusterVpc != wanted)
            {
                throw new InputException($"{_files.Label(AwsImportInput.VpcId)} {wanted}: cluster {_cluster.Name} ({_files.Cluster}) is in {clusterVpc}, not {wanted}");
            }

            CheckOtherClustersVpc(wanted);

            _vpcId = wanted;
        }
        else if (_cluster?.VpcId is { } clusterVpc)
        {
            if (!known.Contains(clusterVpc, StringComparer.Ordinal))
            {
                throw InputException.At(_files.Cluster, null, null, "cluster.resourcesVpcConfig.vpcId", $"{clusterVpc} is not in {source} (VPCs there: {list}); were the files saved from different accounts or regions?");
            }

            _vpcId = clusterVpc;
            CheckOtherClustersVpc(clusterVpc);
        }
        else if (known.Count == 1)
        {
            _vpcId = known[0];
        }
        else if (known.Count == 0)
        {
            throw new InputException($"{source}: holds no VPCs (expected the output of '{(_vpcs is not null ? DescribeVpcsReader.Command : DescribeSubnetsReader.Command)}' with at least one)");
        }
        else
        {
            throw new InputException($"{source}: holds {known.Count} VPCs ({list}); give {_files.Label(AwsImportInput.VpcId)}, or {_files.Label(AwsImportInput.Cluster)} to use the cluster's VPC");
        }

        if (_vpcs is not null)
        {
            _vpcCidrs = [.. _vpcs.First(v => v.Id == _vpcId).Cidrs];
        }
    }

    /// <summary>Every describe-cluster after the first must be of the same VPC: a scenario is one VPC.</summary>
    private void CheckOtherClustersVpc(string vpc)
    {
        foreach (var (eks, file, _) in _otherClusters)
        {
            if (eks.VpcId is { } other && other != vpc)
            {
                throw InputException.At(file, null, null, "cluster.resourcesVpcConfig.vpcId", $"cluster {eks.Name} is in {other}, not in {vpc} with cluster {_cluster!.Name}; a scenario plans the clusters of one VPC");
            }
        }
    }

    private void KeepSubnets()
    {
        _subnets = [.. _allSubnets.Where(s => s.VpcId == _vpcId).OrderBy(s => s.Cidr.First)];
        if (_subnets.Count == 0)
        {
            var others = _allSubnets.Select(s => s.VpcId).Distinct(StringComparer.Ordinal).ToList();
            throw new InputException($"{_files.Subnets}: no subnets of {_vpcId} (the file holds subnets of {(others.Count == 0 ? "no VPC" : string.Join(", ", others))}); save 'aws ec2 describe-subnets --filters Name=vpc-id,Values={_vpcId}'");
        }

        _subnetById = _subnets.ToDictionary(s => s.Id, StringComparer.Ordinal);
        if (_vpcs is not null)
        {
            foreach (var subnet in _subnets)
            {
                if (!_vpcCidrs.Any(c => c.Contains(subnet.Cidr)))
                {
                    throw InputException.At(_files.Subnets, null, null, $"{subnet.Where}.CidrBlock",
                        $"{subnet.Cidr} is outside {_vpcId}'s CIDR blocks in {_files.Vpcs} ({string.Join(", ", _vpcCidrs)}); were the files saved at different times, or is a block no longer associated?");
                }
            }
        }
        else
        {
            // Only validation reads the VPC's blocks: the /16 around each subnet is a stand-in that always holds it.
            _vpcCidrsGuessed = true;
            foreach (var subnet in _subnets)
            {
                var first = subnet.Cidr.First & 0xFFFF0000u;
                if (!_vpcCidrs.Any(c => c.First == first))
                {
                    _vpcCidrs.Add(new Ipv4Cidr(first, 16));
                }
            }
        }

        foreach (var subnet in _subnets)
        {
            _subnetImports[subnet.Id] = new SubnetImport(subnet);
        }
    }

    // The cluster.

    /// <summary>
    /// True when no input speaks of a cluster (no describe-cluster, instances, aws-node or ENIConfigs): the question is
    /// whether a new cluster fits the VPC, so every ENI there, other clusters' included, stays taken.
    /// </summary>
    private bool NewCluster =>
        _files.Cluster is null && _files.Instances is null && _files.AwsNode is null && _files.EniConfigs is null;

    private void IdentifyCluster()
    {
        if (NewCluster)
        {
            _clusterName = NewClusterName;
            _clusterNameSource = "a new cluster: no describe-cluster, instances, aws-node or ENIConfigs given; rename it";
            _controlPlaneSubnets = [];
            return;
        }

        if (_cluster is not null)
        {
            _clusterName = _cluster.Name;
            _clusterNameSource = $"describe-cluster ({_files.Cluster}): cluster.name";
            foreach (var id in _cluster.SubnetIds)
            {
                if (!_subnetById.ContainsKey(id))
                {
                    throw InputException.At(_files.Cluster, null, null, "cluster.resourcesVpcConfig.subnetIds",
                        $"{id} is not among the subnets of {_vpcId} in {_files.Subnets}; were the files saved from different accounts, regions or times?");
                }
            }

            _controlPlaneSubnets = [.. _cluster.SubnetIds.Distinct(StringComparer.Ordinal)];
            foreach (var (eks, file, otherCp) in _otherClusters)
            {
                foreach (var id in eks.SubnetIds)
                {
                    if (!_subnetById.ContainsKey(id))
                    {
                        throw InputException.At(file, null, null, "cluster.resourcesVpcConfig.subnetIds",
                            $"{id} is not among the subnets of {_vpcId} in {_files.Subnets}; were the files saved from different accounts, regions or times?");
                    }
                }

                otherCp.AddRange(eks.SubnetIds.Distinct(StringComparer.Ordinal));
            }

            return;
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var instance in _instances ?? [])
        {
            if (InVpc(instance))
            {
                foreach (var name in ClusterNamesOf(instance))
                {
                    names.Add(name);
                }
            }
        }

        foreach (var eni in _enis ?? [])
        {
            if (_subnetById.ContainsKey(eni.SubnetId) && eni.Description.StartsWith(EniDescriber.EksDescriptionPrefix, StringComparison.Ordinal))
            {
                names.Add(eni.Description[EniDescriber.EksDescriptionPrefix.Length..].Trim());
            }
        }

        if (names.Count > 1)
        {
            throw new InputException($"the instances and ENIs of {_vpcId} belong to {names.Count} clusters ({string.Join(", ", names)}); give {_files.Label(AwsImportInput.Cluster)} with the output of 'aws eks describe-cluster --name NAME' for the one to plan");
        }

        if (names.Count == 0)
        {
            throw new InputException($"cannot tell which EKS cluster to plan: no instance tags or 'Amazon EKS' ENIs name one; give {_files.Label(AwsImportInput.Cluster)} with the output of 'aws eks describe-cluster --name NAME'");
        }

        _clusterName = names.Min!;
        _clusterNameSource = "instance tags and 'Amazon EKS' ENI descriptions (no describe-cluster given)";
        var cp = (_enis ?? [])
            .Where(e => _subnetById.ContainsKey(e.SubnetId) && EniDescriber.IsEksControlPlane(e, _clusterName))
            .Select(e => _subnetById[e.SubnetId])
            .Distinct()
            .OrderBy(s => s.Zone, StringComparer.Ordinal).ThenBy(s => s.Cidr.First)
            .Select(s => s.Id)
            .ToList();
        if (cp.Count == 0)
        {
            throw new InputException($"cannot tell the control plane subnets of cluster {_clusterName}: no 'Amazon EKS {_clusterName}' ENIs in {_files.NetworkInterfaces ?? "the inputs"}; give {_files.Label(AwsImportInput.Cluster)} with the output of 'aws eks describe-cluster --name {_clusterName}'");
        }

        _controlPlaneSubnets = cp;
    }

    private static IEnumerable<string> ClusterNamesOf(AwsInstance instance)
    {
        foreach (var (key, value) in instance.Tags)
        {
            if (key is "eks:cluster-name" or "eks:eks-cluster-name" or "aws:eks:cluster-name" && value.Length > 0)
            {
                yield return value;
            }
            else if (key.StartsWith("kubernetes.io/cluster/", StringComparison.Ordinal) && key.Length > "kubernetes.io/cluster/".Length)
            {
                yield return key["kubernetes.io/cluster/".Length..];
            }
        }
    }

    private bool InCluster(AwsInstance instance) => ClusterOf(instance) is not null;

    /// <summary>The imported cluster an instance is a node of (the first given when its tags name several), or null.</summary>
    private string? ClusterOf(AwsInstance instance)
    {
        var names = ClusterNamesOf(instance).ToList();
        return ImportedClusters.FirstOrDefault(c => names.Contains(c, StringComparer.Ordinal));
    }

    /// <summary>The clusters the scenario plans, in the order they were given.</summary>
    private IEnumerable<string> ImportedClusters => [_clusterName, .. _otherClusters.Select(c => c.Eks.Name)];

    /// <summary>Each imported cluster with its control plane subnets.</summary>
    private IEnumerable<(string Name, List<string> ControlPlaneSubnets)> ControlPlanes =>
        [(_clusterName, _controlPlaneSubnets), .. _otherClusters.Select(c => (c.Eks.Name, c.ControlPlaneSubnets))];

    private bool InVpc(AwsInstance instance) =>
        instance.VpcId == _vpcId || (instance.SubnetId is { } s && _subnetById.ContainsKey(s));

    private string RoleOf(AwsInstance instance)
    {
        if (_groupOfInstance.TryGetValue(instance.Id, out var group))
        {
            return $"node of group {group.Name}";
        }

        if (ClusterOf(instance) is { } cluster)
        {
            return instance.IsRunning ? $"in cluster {cluster}, no node group" : $"{instance.State} node of cluster {cluster}, not modelled";
        }

        var others = ClusterNamesOf(instance).ToList();
        var state = instance.IsRunning ? "" : $"{instance.State}, ";
        return others.Count > 0 ? $"{state}node of another cluster ({string.Join(", ", others)})" : $"{state}not in cluster {_clusterName}";
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>What the import knows about one subnet while it is being built.</summary>
    private sealed class SubnetImport(AwsSubnet subnet)
    {
        public AwsSubnet Subnet { get; } = subnet;

        /// <summary>Every non-reserved address some ENI holds, to catch two ENIs claiming one address.</summary>
        public Dictionary<uint, string> Used { get; } = [];

        public int EniCount { get; set; }

        public List<TakenEni> Taken { get; } = [];

        public List<AwsNetworkInterface> NodeEnis { get; } = [];

        public List<AwsNetworkInterface> ControlPlaneLeftOut { get; } = [];

        public List<AwsCidrReservation> Reservations { get; } = [];

        public List<string> Warnings { get; } = [];
    }

    /// <summary>An ENI whose addresses go to <c>taken</c>, with the comment saying what it is.</summary>
    private sealed record TakenEni(AwsNetworkInterface Eni, string Description);

    /// <summary>A node group inferred from instance tags.</summary>
    private sealed class NodeGroupDraft(string name, string kind, string tagKey, string tagValue, AwsInstance first)
    {
        public string Name { get; set; } = name;

        /// <summary>The imported cluster its instances are nodes of.</summary>
        public string Cluster { get; init; } = "";

        public string Kind { get; } = kind;

        public string TagKey { get; } = tagKey;

        public string TagValue { get; } = tagValue;

        public string InstanceTypeName { get; } = first.InstanceType;

        public InstanceType? Type { get; set; }

        public List<AwsInstance> Instances { get; } = [];

        public int PodsPerNode { get; set; }

        public List<string> PodsComment { get; } = [];
    }
}
