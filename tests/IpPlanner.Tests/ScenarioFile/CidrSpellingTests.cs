using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>
/// The scenario validator and the address space must agree on every CIDR spelling: whatever validates has to plan,
/// and whatever the address space refuses has to be a validation error with a line number, not a crash.
/// </summary>
[TestFixture]
public sealed class CidrSpellingTests
{
    private static readonly string[] s_subnetSpellings =
    [
        "10.0.0.0/24", " 10.0.0.0/24", "10.0.000.0/24", "10.0.0.00/24", "010.0.0.0/24", "10.00.0.0/24",
        "10.0.0.0/024", "10.0.0.0/0024", "10.0.0/24", "10.0.0.0/24/24", "0x0a.0.0.0/24", "10.0.0.0/0x18",
        "10.0.0.0/+24", "10.0.0.256/24", "10.0.0.0/33", "10.0.0.0/",
    ];

    private static readonly string[] s_takenSpellings =
    [
        "10.0.1.7", "10.0.1.07", "10.0.01.7", "10.0.1.16/28", "10.0.1.016/28", "10.0.1.16/028", "10.0.1.0x10/28",
    ];

    [TestCaseSource(nameof(s_subnetSpellings))]
    public void LoadText_SubnetCidrSpelling_ValidExactlyWhenTheAddressSpaceParsesItAndThenPlans(string cidr)
    {
        var result = Load(With("    cidr: 10.0.0.0/24", $"    cidr: \"{cidr}\""));

        AssertAgrees(result, cidr, () => SubnetAddressSpace.Parse(cidr));
    }

    [TestCaseSource(nameof(s_takenSpellings))]
    public void LoadText_TakenSpelling_ValidExactlyWhenTheAddressSpaceMarksItAndThenPlans(string taken)
    {
        var result = Load(With("    zone: us-east-1b", $"    zone: us-east-1b\n    taken: [\"{taken}\"]"));

        AssertAgrees(result, taken, () => SubnetAddressSpace.Parse("10.0.1.0/24").MarkInUse(taken));
    }

    [TestCaseSource(nameof(s_takenSpellings))]
    public void LoadText_ReservationSpelling_ValidExactlyWhenTheAddressSpaceReservesItAndThenPlans(string cidr)
    {
        var result = Load(With("    zone: us-east-1b", $"    zone: us-east-1b\n    reservations: [{{cidr: \"{cidr}\", type: explicit}}]"));

        AssertAgrees(result, cidr, () => SubnetAddressSpace.Parse("10.0.1.0/24").Reserve(cidr, ReservationType.Explicit));
    }

    private static void AssertAgrees(Core.ScenarioFile.ScenarioLoadResult result, string text, Action addressSpace)
    {
        bool accepted;
        try
        {
            addressSpace();
            accepted = true;
        }
        catch (ArgumentException)
        {
            accepted = false;
        }

        Assert.That(result.HasErrors, Is.EqualTo(!accepted), $"'{text}': address space {(accepted ? "accepts" : "refuses")} it, validation says:\n{string.Join('\n', result.Diagnostics)}");
        if (result.Provisioned is { } scenario)
        {
            Assert.That(() => CapacityPlanner.Plan(scenario), Throws.Nothing, $"'{text}' validated, so it must plan");
        }
    }
}
