using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning;

/// <summary>
/// Network interfaces per Region: 5,000 by default (quota L-DF5E4CA3; aws/aws-eks-best-practices
/// latest/bpg/scalability/quotas.adoc, "Network interfaces per Region ... 5,000"), shared by every VPC of the account
/// in the Region, so the plan warns and does not stop (docs/rules.md, "Network interfaces per Region").
/// </summary>
public class RegionEniQuotaTests
{
    private static string Workers(int nodes) => $$"""
        cluster: { name: big, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.0.0/17, zone: z1 }
          - { id: b, cidr: 10.0.128.0/17, zone: z2 }
        nodeGroups:
          - { name: workers, instanceType: m5.large, subnets: [a, b], nodes: {{nodes}}, podsPerNode: 10 }
        """;

    [TestCase(1_666, false)]
    [TestCase(1_667, true)]
    public void Plan_NetworkInterfaces_WarnPastFiveThousand(int nodes, bool warned)
    {
        // An m5.large with 10 pods at WARM_ENI_TARGET=1 holds 3 ENIs (docs/rules.md, the warm pool); the control plane
        // one ENI in each of its 2 subnets. 1,666 x 3 + 2 = 5,000: at the quota, no warning; 1,667 x 3 + 2 = 5,003: over.
        // (Network Address Usage stays under 64,000: 1,667 x 32 = 53,344.)
        var plan = CapacityPlanner.Plan(ScenarioOf(Workers(nodes)));
        var finding = plan.Warnings.SingleOrDefault(w => w.Code == FindingCodes.NetworkInterfacesRegionQuota);
        Assert.That(finding is not null, Is.EqualTo(warned));
        if (warned)
        {
            Assert.That(finding!.Severity, Is.EqualTo(Severity.Warning));
            Assert.That(finding.Message, Does.StartWith("the plan holds 5,003 network interfaces"));
        }
    }
}
