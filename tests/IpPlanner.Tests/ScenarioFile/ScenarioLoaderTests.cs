using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using IpPlanner.Core.ScenarioFile;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>What a valid file turns into: defaults, resolved types, numbers the engine uses, source positions.</summary>
[TestFixture]
public sealed class ScenarioLoaderTests
{
    [Test]
    public void LoadText_Base_FillsDefaultsTheFileLeavesOut()
    {
        var scenario = Load(Base).Scenario!;
        var group = scenario.NodeGroups.Single();

        Assert.Multiple(() =>
        {
            Assert.That(group.MaxNodes, Is.EqualTo(group.Nodes), "maxNodes defaults to nodes");
            Assert.That(group.HostNetworkPodsPerNode, Is.EqualTo(2));
            Assert.That(group.SecurityGroupPodsPerNode, Is.Zero);
            Assert.That(group.MaxPods, Is.Null);
            Assert.That(scenario.Cluster.IpFamily, Is.EqualTo(IpFamily.Ipv4));
            Assert.That(scenario.Cni, Is.EqualTo(CniSettings.Default with { EniConfigs = scenario.Cni.EniConfigs }));
            Assert.That(scenario.Cni.EniConfigs, Is.Empty);
            Assert.That(scenario.Subnets[0].Public, Is.False);
            Assert.That(scenario.FargateProfiles, Is.Empty);
        });
    }

    [Test]
    public void LoadText_NodeGroup_ResolvesItsInstanceType()
    {
        var group = Load(Base).Scenario!.NodeGroups.Single();

        Assert.That(group.InstanceType, Is.EqualTo("m5.large"));
        Assert.That(group.Type, Is.SameAs(InstanceCatalog.Embedded.Get("m5.large")));
    }

    [Test]
    public void LoadText_Subnet_ExposesNumbersForTheEngine()
    {
        var subnet = Load(Base).Scenario!.Subnets[1];

        Assert.Multiple(() =>
        {
            Assert.That(subnet.Cidr, Is.EqualTo("10.0.1.0/24"));
            Assert.That(subnet.Network.ToString(), Is.EqualTo("10.0.1.0/24"));
            Assert.That(subnet.FirstAddress, Is.EqualTo(0x0A000100u));
            Assert.That(subnet.PrefixLength, Is.EqualTo(24));
            Assert.That(subnet.AddressCount, Is.EqualTo(256));
            Assert.That(subnet.UsableAddressCount, Is.EqualTo(251));
        });
    }

    [Test]
    public void LoadText_Elements_RememberTheirLines()
    {
        var scenario = Load(Base).Scenario!;

        Assert.Multiple(() =>
        {
            Assert.That(scenario.SourceFile, Is.EqualTo("test.yaml"));
            Assert.That(scenario.Subnets.Select(s => s.SourceLine), Is.EqualTo(Items(SubnetALine, SubnetBLine)));
            Assert.That(scenario.NodeGroups[0].SourceLine, Is.EqualTo(NodeGroupLine));
            Assert.That(scenario.Source.Locate("nodeGroups[0].nodes").Line, Is.EqualTo(NodesLine));
            // A field the file leaves out points at its parent.
            Assert.That(scenario.Source.Locate("nodeGroups[0].maxNodes").Line, Is.EqualTo(NodeGroupLine));
        });
    }

    [Test]
    public void LoadText_EverySection_IsReadIntoTheModel()
    {
        var yaml = With("    zone: us-east-1b", "    zone: us-east-1b\n    public: true\n    tags: {kubernetes.io/role/elb: \"1\", kubernetes.io/role/cni: \"\"}\n    inUse: 7\n    taken: [10.0.1.9, 10.0.1.32/28]\n    reservations: [{cidr: 10.0.1.128/26, type: prefix}]")
            .Replace("  controlPlaneSubnets", "  ipFamily: IPv4\n  controlPlaneSubnets", StringComparison.Ordinal)
            + """
            cni:
              version: v1.12.6-eksbuild.2
              warmIpTarget: 5
              minimumIpTarget: 20
              maxEni: 2
              ipCooldownSeconds: 60
              externalSnat: true
            fargateProfiles:
              - name: batch
                subnets: [subnet-a]
                pods: 12
            loadBalancers:
              - name: api
                type: NLB
                subnets: [subnet-a, subnet-b]
                internal: true
            endpoints:
              - service: ecr.dkr
                subnets: [subnet-a]
              - service: s3
                type: gateway
            natGateways:
              - subnet: subnet-b
                name: nat-b

            """;

        var result = Load(yaml);

        Assert.That(result.Diagnostics, Is.Empty, string.Join('\n', result.Diagnostics));
        var s = result.Scenario!;
        var subnet = s.Subnets[1];
        Assert.Multiple(() =>
        {
            Assert.That(subnet.Public, Is.True);
            Assert.That(subnet.Tags["kubernetes.io/role/cni"], Is.EqualTo(""));
            Assert.That(subnet.InUse, Is.EqualTo(7));
            Assert.That(subnet.Taken.Select(t => (t.Text, t.PrefixLength, t.Count)), Is.EqualTo(new[] { ("10.0.1.9", 32, 1L), ("10.0.1.32/28", 28, 16L) }));
            Assert.That(subnet.Reservations.Single().Type, Is.EqualTo(ReservationType.Prefix));
            Assert.That(subnet.Reservations.Single().Block.First, Is.EqualTo(0x0A000180u));
            Assert.That(s.Cni.Version, Is.EqualTo(new CniVersion(1, 12, 6)));
            Assert.That((s.Cni.WarmIpTarget, s.Cni.MinimumIpTarget, s.Cni.MaxEni, s.Cni.IpCooldownSeconds, s.Cni.ExternalSnat), Is.EqualTo((5, 20, (int?)2, 60, true)));
            Assert.That(s.FargateProfiles.Single().Pods, Is.EqualTo(12));
            Assert.That(s.LoadBalancers.Single().Type, Is.EqualTo(LoadBalancerType.Nlb));
            Assert.That(s.LoadBalancers.Single().Internal, Is.True);
            Assert.That(s.Endpoints.Select(e => e.Type), Is.EqualTo(new[] { EndpointType.Interface, EndpointType.Gateway }));
            Assert.That(s.NatGateways.Single().Name, Is.EqualTo("nat-b"));
            Assert.That(s.FindSubnet("subnet-b"), Is.SameAs(subnet));
            Assert.That(s.Zones, Is.EqualTo(Items("us-east-1a", "us-east-1b")));
        });
    }

    [Test]
    public void LoadText_NullOptionalValue_MeansNotSet()
    {
        var result = Load(With("    podsPerNode: 10", "    maxPods:"));

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Scenario!.NodeGroups[0].MaxPods, Is.Null);
    }

    [Test]
    public void LoadText_Json_GetsLinesAndColumnsToo()
    {
        const string json = """
            {
              "cluster": {"name": "j", "controlPlaneSubnets": ["a", "b"]},
              "vpc": {"cidrs": ["10.0.0.0/16"]},
              "subnets": [
                {"id": "a", "cidr": "10.0.0.0/24", "zone": "z1"},
                {"id": "b", "cidr": "10.0.1.5/24", "zone": "z2"}
              ]
            }
            """;

        var error = LoadText(json, "x.json").Errors.Single();

        Assert.That(error.ToString(), Is.EqualTo("x.json:6:25: error: subnets[1].cidr: '10.0.1.5/24' has host bits set, which EC2 rejects (did you mean 10.0.1.0/24?)"));
    }

    [Test]
    public void LoadText_CustomCatalog_KnowsOnlyItsTypes()
    {
        var catalog = InstanceCatalog.Of([InstanceCatalog.Embedded.Get("m5.xlarge")]);

        var result = ScenarioLoader.LoadText(Base, "test.yaml", catalog);

        Assert.That(result.Errors.Single().Code, Is.EqualTo(FindingCodes.UnknownInstanceType));
    }

    [Test]
    public void LoadFile_MissingFile_ThrowsInputExceptionNamingIt()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-scenario.yaml");

        Assert.That(() => LoadFile(path),
            Throws.TypeOf<InputException>().With.Message.Contains("no-such-scenario.yaml"));
    }

    [Test]
    public void LoadFile_Directory_ThrowsInputException()
    {
        Assert.That(() => LoadFile(TestContext.CurrentContext.WorkDirectory),
            Throws.TypeOf<InputException>().With.Message.Contains("directory"));
    }

    [Test]
    public void LoadFile_TestDataScenario_NamesTheFileInDiagnostics()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Scenarios", "unknown-subnets.yaml");

        var result = LoadFile(path);

        Assert.That(result.Errors.Select(e => (e.Code, e.Field, e.Line)), Is.EqualTo(new[]
        {
            (FindingCodes.UnknownSubnet, "cluster.controlPlaneSubnets[1]", 6),
            (FindingCodes.UnknownSubnet, "nodeGroups[0].subnets[0]", 20),
            (FindingCodes.UnknownSubnet, "loadBalancers[0].subnets[1]", 27),
        }));
        Assert.That(result.Errors.All(e => e.File == path));
    }
}
