using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using NUnit.Framework;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Model;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>The scenario files under samples/ load cleanly and still show what their comments say they show.</summary>
[TestFixture]
public sealed class SampleScenarioTests
{

    private static IEnumerable<TestCaseData> Samples() =>
        Directory.GetFiles(SamplesDirectory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"LoadFile_Sample_{Path.GetFileName(f)}_IsValidWithoutWarnings"));

    private static Scenario LoadSample(string name)
    {
        var result = LoadFile(Path.Combine(SamplesDirectory, name));
        Assert.That(result.Diagnostics, Is.Empty, string.Join('\n', result.Diagnostics));
        return result.Scenario!;
    }

    [Test]
    public void Samples_TheFiveTheReadmeNames_Exist()
    {
        foreach (var name in new[] { "small-3az.yaml", "custom-networking.yaml", "prefix-delegation.yaml", "private-fargate.yaml", "near-exhaustion.yaml" })
        {
            Assert.That(File.Exists(Path.Combine(SamplesDirectory, name)), name);
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void LoadFile_Sample_IsValidWithoutWarnings(string name)
    {
        Assert.That(LoadSample(name), Is.Not.Null);
    }

    [Test]
    public void LoadFile_JsonTwin_LoadsToTheSameModelAsTheYaml()
    {
        var yaml = LoadSample("small-3az.yaml");
        var json = LoadSample("small-3az.json");

        Assert.That(ModelText(json), Is.EqualTo(ModelText(yaml)));
        // The comparison must see the content, not just the shape.
        Assert.That(ModelText(yaml), Does.Contain("10.0.96.0/19").And.Contain("m5.xlarge").And.Contain("kubernetes.io/role/elb").And.Contain("WarmEniTarget=1"));
    }

    [Test]
    public void SmallThreeAz_SpreadsSixSubnetsOverThreeZones()
    {
        var s = LoadSample("small-3az.yaml");

        Assert.That((s.Subnets.Count, s.Zones.Count, s.NodeGroups.Count), Is.EqualTo((6, 3, 2)));
    }

    [Test]
    public void CustomNetworking_PodsUseTheSecondaryCidrInEveryNodeZone()
    {
        var s = LoadSample("custom-networking.yaml");
        var secondary = s.Vpc.Cidrs.Single(c => c.Text == "100.64.0.0/16");
        var nodeZones = s.NodeGroups.SelectMany(g => g.Subnets).Select(id => s.GetSubnet(id).Zone).Distinct();

        Assert.That(s.Cni.CustomNetworking, Is.True);
        foreach (var zone in nodeZones)
        {
            var podSubnet = s.GetSubnet(s.Cni.EniConfigs[zone]);
            Assert.That(podSubnet.Zone, Is.EqualTo(zone));
            Assert.That(secondary.Network.Contains(podSubnet.Network), $"{podSubnet.Id} is on the secondary CIDR");
        }
    }

    [Test]
    public void PrefixDelegation_FragmentedSubnetHasOnlyTwoFreeAlignedPrefixes()
    {
        var s = LoadSample("prefix-delegation.yaml");
        var fragmented = s.GetSubnet("subnet-private-1c");

        Assert.That(s.Cni.PrefixDelegation, Is.True);
        Assert.That(FreeAlignedPrefixes(fragmented), Is.EqualTo(2));
        Assert.That(s.Subnets.SelectMany(x => x.Reservations).Single().Type, Is.EqualTo(ReservationType.Prefix));
    }

    [Test]
    public void PrivateFargate_HasNoInternetPathButEndpointsAndFargate()
    {
        var s = LoadSample("private-fargate.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(s.Subnets.Any(x => x.Public), Is.False);
            Assert.That(s.NatGateways, Is.Empty);
            Assert.That(s.Endpoints.Count(e => e.Type == EndpointType.Interface), Is.GreaterThanOrEqualTo(4));
            Assert.That(s.FargateProfiles.Sum(f => f.Pods), Is.GreaterThan(0));
        });
    }

    [Test]
    public void NearExhaustion_RunsM5LargeOnSlash24sAtTheDefaultWarmEniTarget()
    {
        var s = LoadSample("near-exhaustion.yaml");
        var group = s.NodeGroups.Single();

        Assert.Multiple(() =>
        {
            Assert.That(group.InstanceType, Is.EqualTo("m5.large"));
            Assert.That(group.Subnets.Select(id => s.GetSubnet(id).PrefixLength), Is.All.EqualTo(24));
            Assert.That(s.Cni.WarmEniTarget, Is.EqualTo(1));
            Assert.That(s.Cni.IpTargetsDefined, Is.False);
        });
    }

    /// <summary>An oracle independent of the engine: aligned /28s with no taken and no AWS-reserved address.</summary>
    private static int FreeAlignedPrefixes(SubnetSpec subnet)
    {
        var used = new HashSet<uint> { subnet.FirstAddress, subnet.FirstAddress + 1, subnet.FirstAddress + 2, subnet.FirstAddress + 3, subnet.FirstAddress + (uint)subnet.AddressCount - 1 };
        foreach (var block in subnet.Taken)
        {
            for (var a = block.First; a <= block.Last; a++)
            {
                used.Add(a);
            }
        }

        var free = 0;
        for (var start = subnet.FirstAddress; start < subnet.FirstAddress + (uint)subnet.AddressCount; start += 16)
        {
            var blockStart = start;
            if (!Enumerable.Range(0, 16).Any(i => used.Contains(blockStart + (uint)i)))
            {
                free++;
            }
        }

        return free;
    }

    /// <summary>Every public value of the model, by property, skipping where it came from (file, lines, positions).</summary>
    internal static string ModelText(object? value)
    {
        var text = new StringBuilder();
        Write(text, value, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value, int depth)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case IPNetwork2 or InstanceType or Enum or IFormattable or bool:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary:
                var keys = dictionary.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal);
                text.Append('{');
                foreach (var key in keys)
                {
                    text.Append(key).Append('=');
                    Write(text, dictionary[key], depth + 1);
                    text.Append(';');
                }

                text.Append('}');
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Write(text, item, depth + 1);
                    text.Append(',');
                }

                text.Append(']');
                return;
            default:
                break;
        }

        if (value.GetType().Namespace?.StartsWith("IpPlanner", StringComparison.Ordinal) != true || depth > 10)
        {
            text.Append(value);
            return;
        }

        text.Append(value.GetType().Name).Append('(');
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.Name is "SourceLine" or "SourceFile" or "Source" || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            text.Append(property.Name).Append('=');
            Write(text, property.GetValue(value), depth + 1);
            text.Append(", ");
        }

        text.Append(')');
    }
}
