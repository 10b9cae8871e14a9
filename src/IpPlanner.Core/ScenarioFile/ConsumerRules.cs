using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The rules of what else takes subnet addresses: Fargate profiles (private subnets), load balancers (an ALB in
/// two zones, one subnet per zone), VPC endpoints (gateway endpoints take no subnet) and NAT gateways (public subnets).
/// </summary>
internal sealed class ConsumerRules(ValidationScope scope) : ScenarioRules(scope)
{
    public void CheckFargate(ClusterScopeDraft c)
    {
        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var profile in c.FargateProfiles)
        {
            CheckUniqueName(names, profile.Name, profile, "Fargate profile");
            RequireSome(profile.Subnets, $"{profile.Path}.subnets", "a Fargate profile needs at least one (private) subnet");
            foreach (var subnetRef in profile.Subnets)
            {
                if (Resolve(subnetRef) is { Public: true } subnet)
                {
                    Bag.Error(FindingCodes.FargatePublicSubnet, subnetRef.Path, $"subnet '{subnet.Id}' is public; Fargate runs pods in private subnets only");
                }
            }
        }
    }

    public void CheckLoadBalancers(ScenarioDraft d)
    {
        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var lb in d.LoadBalancers)
        {
            CheckUniqueName(names, lb.Name, lb, "load balancer");
            RequireSome(lb.Subnets, $"{lb.Path}.subnets", "a load balancer needs at least one subnet");
            if (Resolve(lb.Subnets) is { } subnets)
            {
                CheckOneSubnetPerZone(lb.Subnets, subnets, "a load balancer");
                if (lb.Type == LoadBalancerType.Alb && Zones(subnets) is { Count: < 2 } && lb.Subnets.Count > 0)
                {
                    Bag.Error(FindingCodes.AlbZones, $"{lb.Path}.subnets", "an Application Load Balancer needs subnets in at least 2 Availability Zones");
                }
            }
        }
    }

    public void CheckEndpoints(ScenarioDraft d)
    {
        foreach (var endpoint in d.Endpoints)
        {
            var path = $"{endpoint.Path}.subnets";
            if (endpoint.Type == EndpointType.Gateway)
            {
                if (endpoint.Subnets.Count > 0)
                {
                    Bag.Warning(FindingCodes.GatewayEndpointSubnets, path, "a gateway endpoint attaches to route tables and takes no subnet IPs; these subnets are ignored");
                }

                continue;
            }

            if (!endpoint.SubnetsGiven)
            {
                Bag.Error(FindingCodes.MissingField, path, "an interface endpoint needs subnets (one per zone); for S3 or DynamoDB without IPs use type: gateway");
                continue;
            }

            RequireSome(endpoint.Subnets, path, "an interface endpoint needs at least one subnet");
            if (Resolve(endpoint.Subnets) is { } subnets)
            {
                CheckOneSubnetPerZone(endpoint.Subnets, subnets, "an interface endpoint");
            }
        }
    }

    public void CheckNatGateways(ScenarioDraft d)
    {
        foreach (var nat in d.NatGateways)
        {
            if (nat.Subnet is { } subnetRef && Resolve(subnetRef) is { Public: false } subnet)
            {
                Bag.Warning(FindingCodes.NatPrivateSubnet, subnetRef.Path, $"subnet '{subnet.Id}' is private; a public NAT gateway belongs in a public subnet");
            }
        }
    }
}
