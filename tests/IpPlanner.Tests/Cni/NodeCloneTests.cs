using NUnit.Framework;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// A copied node (what-if forks) behaves exactly like the original from the moment of the copy: the warm-pool policy,
/// the ENIs with their creation times, the branch ENIs, the timing state and the placement walk all carry over, and
/// the copy's pod IPs point at its own ENIs.
/// </summary>
public class NodeCloneTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        var d = CniSettings.Default;
        yield return new TestCaseData("m5.large", d).SetName("Clone_SecondaryIps");
        yield return new TestCaseData("m5.large", d with { WarmEniTarget = 0 }).SetName("Clone_WarmEniTarget0");
        yield return new TestCaseData("m5.xlarge", d with { PrefixDelegation = true }).SetName("Clone_PrefixMode");
        yield return new TestCaseData("m5.xlarge", d with { PrefixDelegation = true, WarmIpTarget = 3, MinimumIpTarget = 5, SecurityGroupsForPods = true }).SetName("Clone_PrefixTargetsAndBranches");
    }

    [TestCaseSource(nameof(Cases))]
    public void CopyOnto_ThenSameOperations_SameState(string typeName, CniSettings settings)
    {
        var type = InstanceCatalog.Embedded.Get(typeName);
        var space = SubnetAddressSpace.Parse("10.0.0.0/22");
        var original = new VpcCniNode(type, settings, new NodePlacement(space)) { PlacementSeed = 7, EniAttachSeconds = 5 };
        var pods = new List<PodIp>();
        var t = 0.0;
        void Churn(VpcCniNode node, List<PodIp> held, int steps, ref double now)
        {
            for (var i = 0; i < steps; i++)
            {
                now += 7;
                node.AdvanceTo(now);
                if (i % 3 == 2 && held.Count > 0)
                {
                    node.RemovePod(held[^1]);
                    held.RemoveAt(held.Count - 1);
                }
                else if (node.TryAssignNow(out var pod) == PodFailure.None)
                {
                    held.Add(pod);
                }

                if (i % 4 == 0 && node.AddBranchPod(out var branch) == PodFailure.None)
                {
                    held.Add(branch);
                }

                node.Reconcile();
            }
        }

        Churn(original, pods, 25, ref t);

        var spaceCopy = space.Clone();
        var copy = original.CopyOnto(s => ReferenceEquals(s, space) ? spaceCopy : throw new InvalidOperationException("unknown space"));
        var copyPods = pods.Select(copy.MapPod).ToList();
        Assert.That(copyPods.Where(p => p.Eni is not null).All(p => copy.Enis.ToArray().Contains(p.Eni!)), Is.True);

        var t2 = t;
        Churn(original, pods, 40, ref t);
        Churn(copy, copyPods, 40, ref t2);

        Assert.That(Snapshot(copy), Is.EqualTo(Snapshot(original)));
        Assert.That(spaceCopy.Free, Is.EqualTo(space.Free));
        Assert.That(copyPods.Select(p => p.Address), Is.EqualTo(pods.Select(p => p.Address)));
    }

    private static string Snapshot(VpcCniNode node) =>
        $"{node.TotalIps}/{node.AssignedIps}/{node.CoolingIps}/{node.BranchPods}/{node.SubnetIpsUsed}/{node.WaitingOnClock}/{node.LastGrowthFailure}/" +
        string.Join(";", node.Enis.ToArray().Select(e => $"{e.Index}:{e.Role}:{e.PrimaryIp}:{e.Slots}:{e.Pods}:{e.Cooling}:{string.Join(',', e.SlotAddresses())}"));
}
