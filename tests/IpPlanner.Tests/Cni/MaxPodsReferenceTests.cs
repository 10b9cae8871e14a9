using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// Max pods held against AWS's own published table (TestData/eni-max-pods.txt, generated from the EC2 API in 2023),
/// which was computed independently of this code and of the embedded catalog.
/// </summary>
public class MaxPodsReferenceTests
{
    /// <summary>Types whose limits EC2 (and the VPC CNI's 2026 limits table) changed after the reference was generated.</summary>
    private static readonly Dictionary<string, string> s_rerated = new()
    {
        ["c6in.32xlarge"] = "the 2026 limits table gives 8 ENIs on card 0 (the 2023 table counted 7)",
        ["m6in.32xlarge"] = "the 2026 limits table gives 8 ENIs on card 0 (the 2023 table counted 7)",
        ["m6idn.32xlarge"] = "the 2026 limits table gives 8 ENIs on card 0 (the 2023 table counted 7)",
        ["r6in.32xlarge"] = "the 2026 limits table gives 8 ENIs on card 0 (the 2023 table counted 7)",
        ["r6idn.32xlarge"] = "the 2026 limits table gives 8 ENIs on card 0 (the 2023 table counted 7)",
        ["h1.16xlarge"] = "the 2026 limits table gives 8 ENIs (the 2023 table counted 15)",
    };

    private static IEnumerable<TestCaseData> Reference()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "eni-max-pods.txt");
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split(' ');
            yield return new TestCaseData(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)).SetName($"Reference_{parts[0]}");
        }
    }

    [Test]
    public void Reference_CoversMostOfTheCatalog()
    {
        var known = Reference().Count(r => InstanceCatalog.Embedded.TryGet((string)r.Arguments[0]!, out _));
        Assert.That(known, Is.GreaterThan(590), "the reference should exercise hundreds of catalog types");
    }

    [TestCaseSource(nameof(Reference))]
    public void SecondaryAndPrefixUncapped_AgreeWithAwsTable(string name, int expected)
    {
        if (!InstanceCatalog.Embedded.TryGet(name, out var type))
        {
            Assert.Ignore($"{name} is retired and no longer in the VPC CNI's limits table");
        }

        if (s_rerated.TryGetValue(name, out var why))
        {
            Assert.Ignore($"{name}: {why}");
        }

        var secondary = MaxPodsCalculator.Calculate(type, new MaxPodsOptions { ShowMaxAllowed = true });
        Assert.That(secondary.MaxPods, Is.EqualTo(expected), "secondary-IP mode");

        // The same slots hold a /28 each in prefix mode, on types that can delegate prefixes.
        var prefix = MaxPodsCalculator.Calculate(type, new MaxPodsOptions { ShowMaxAllowed = true, PrefixDelegation = true });
        var expectedPrefix = type.SupportsPrefixDelegation ? ((expected - 2) * 16) + 2 : expected;
        Assert.That(prefix.MaxPods, Is.EqualTo(expectedPrefix), "prefix mode");

        // And the script's default output applies the 110/250 cap by vCPUs.
        var capped = MaxPodsCalculator.Calculate(type, new MaxPodsOptions());
        Assert.That(capped.MaxPods, Is.EqualTo(Math.Min(expected, type.Vcpus > 30 ? 250 : 110)), "capped");
    }
}
