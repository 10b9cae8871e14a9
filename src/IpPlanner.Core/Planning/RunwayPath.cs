using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace IpPlanner.Core.Planning;

/// <summary>One path through the months: the engine's cluster state, grown month by month.</summary>
internal sealed class RunwayPath
{
    /// <summary>What a runway exhaustion of the whole VPC's Network Address Usage names instead of a subnet.</summary>
    public const string VpcSubject = "vpc";

    private readonly ProvisionedScenario _scenario;
    private readonly GrowthRates _rates;
    private readonly Random? _random;
    private readonly bool _record;

    public RunwayPath(ProvisionedScenario scenario, GrowthRates rates, Random? random, bool record)
    {
        _scenario = scenario;
        _rates = rates;
        _random = random;
        _record = record;
    }

    /// <summary>Stop at the first subnet that runs out (when only that is asked).</summary>
    public bool StopAtFirst { get; init; }

    /// <summary>How each month's new nodes start (docs/rules.md, "Launch order").</summary>
    public LaunchOrder Launch { get; init; } = LaunchOrder.Sequential;

    public Result Run(int months)
    {
        var groups = _scenario.NodeGroups;
        var state = ClusterState.BuildPlanned(_scenario, launch: Launch);
        var subnets = state.Subnets.ToList();
        var index = subnets.Select((s, i) => (s.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var pools = _scenario.NodePools.Select(p => new NodePoolGrowth(p, _scenario, state)).ToArray();
        var result = new Result(subnets, groups.Count, pools.Length, _record ? months + 1 : 0);
        // What runs, as against what the growth wants: the pods that got their IPs, on nodes that started.
        var groupIndex = groups.Select((g, i) => (g.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var podsRunning = new int[groups.Count];
        var nodesRunning = new int[groups.Count];
        result.NetworkAddressUsageQuota = state.Usage.Quota;
        foreach (var node in state.Nodes)
        {
            Record(node, 0);
        }

        for (var p = 0; p < pools.Length; p++)
        {
            if (pools[p].Stop is { } stop)
            {
                (result.PoolLimitMonth[p], result.PoolStop[p]) = (0, stop);
            }
        }

        result.NetworkAddressUnitsNow = state.Usage.Units;
        var pods = groups.Select(g => (double)g.Nodes * g.PodsPerNode).ToArray();
        var target = groups.Select(g => g.Nodes).ToArray();
        Snapshot(0);
        for (var month = 1; month <= months && !(StopAtFirst && result.First is not null); month++)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                if (_rates.Groups[g] is not { } rate)
                {
                    continue;
                }

                var step = _random is not null && rate.Uncertain ? Normal.Sample(_random, rate.PerMonth, rate.StandardDeviation) : rate.PerMonth;
                pods[g] = RunwayGrowth.Grow(pods[g], rate, step);
                var needed = RunwayGrowth.NodesFor(pods[g], groups[g].PodsPerNode);
                if (needed > groups[g].MaxNodes && result.GroupMonth[g] is null)
                {
                    result.GroupMonth[g] = month;
                }

                target[g] = Math.Max(target[g], Math.Min(needed, groups[g].MaxNodes));
            }

            // One node per group in turn, as firstExhausted scales the groups; in a burst they launch in that order at
            // once, and what ran out is described once the whole burst has started.
            var toLaunch = new List<Kubernetes.NodeGroup>();
            var queued = groups.Select(state.NodesIn).ToArray();
            var growing = true;
            while (growing)
            {
                growing = false;
                for (var g = 0; g < groups.Count; g++)
                {
                    if (queued[g] < target[g])
                    {
                        growing = true;
                        queued[g]++;
                        if (Launch == LaunchOrder.Sequential)
                        {
                            Record(state.AddNode(groups[g]), month);
                        }
                        else
                        {
                            toLaunch.Add(groups[g]);
                        }
                    }
                }
            }

            foreach (var node in state.Launch(toLaunch, Launch))
            {
                Record(node, month);
            }

            // Then each NodePool places its new pending pods, as Karpenter would (docs/rules.md, "Runway of a NodePool").
            for (var p = 0; p < pools.Length; p++)
            {
                if (_rates.Pools[p] is not { } rate)
                {
                    continue;
                }

                var step = _random is not null && rate.Uncertain ? Normal.Sample(_random, rate.PerMonth, rate.StandardDeviation) : rate.PerMonth;
                if (pools[p].Grow(rate, step, state, node => Record(node, month), Launch) is { } stop && result.PoolLimitMonth[p] is null)
                {
                    (result.PoolLimitMonth[p], result.PoolStop[p]) = (month, stop);
                }
            }

            Snapshot(month);
        }

        for (var p = 0; p < pools.Length; p++)
        {
            result.PoolPending[p] = pools[p].Pending;
        }

        return result;

        void Record(PlacedNode node, int month)
        {
            if (groupIndex.TryGetValue(node.Group.Name, out var runs) && ReferenceEquals(groups[runs], node.Group) && node.Node.Started)
            {
                podsRunning[runs] += node.PodsRunning;
                nodesRunning[runs]++;
            }

            if (node.Failure == PodFailure.None)
            {
                return;
            }

            // The VPC's Network Address Usage runs out like a subnet, but for the whole VPC (docs/rules.md).
            if (node.Reason is { } nau && nau.IsNetworkAddressUsage())
            {
                if (result.NetworkAddressUsageMonth is null)
                {
                    result.NetworkAddressUsageMonth = month;
                    result.NetworkAddressUsageDetail = CapacityPlanner.DescribeExhaustion(node, state).Detail;
                    result.First ??= new RunwayExhaustion(VpcSubject, month, nau.Words(), node.Group.Name, result.NetworkAddressUsageDetail)
                    {
                        NodePool = node.Group.NodePool,
                        NetworkAddressUsage = true,
                    };
                }

                return;
            }

            // Only a subnet that ran out is blamed on one (docs/rules.md, failure reasons); a node's own limit
            // (max pods, the ENI limit, aws-node refusing) is the group's.
            if (node.Reason is { } reason && !reason.IsSubnetExhausted())
            {
                var gi = 0;
                while (gi < groups.Count && !ReferenceEquals(groups[gi], node.Group))
                {
                    gi++;
                }

                if (gi < groups.Count && result.GroupLimit[gi] is null)
                {
                    result.GroupLimit[gi] = (month, FailureReasons.DescribeFailure(node));
                }

                // A NodePool's node: the limit is the pool's.
                var pi = gi < groups.Count ? -1 : Array.FindIndex(pools, p => p.Name == node.Group.NodePool);
                if (pi >= 0 && result.PoolNodeLimit[pi] is null)
                {
                    result.PoolNodeLimit[pi] = (month, FailureReasons.DescribeFailure(node));
                }

                return;
            }

            var s = index[(node.FailureSubnet ?? node.Subnet).Spec.Id];
            if (result.SubnetMonth[s] is not null)
            {
                return;
            }

            result.SubnetMonth[s] = month;
            result.Reason[s] = CapacityPlanner.Reason(node.Failure);

            // Describing walks every node; the Monte Carlo runs only need the month.
            result.Detail[s] = _record ? CapacityPlanner.DescribeExhaustion(node, state).Detail : null;
            result.First ??= new RunwayExhaustion(subnets[s].Spec.Id, month, result.Reason[s]!, node.Group.Name, result.Detail[s]) { NodePool = node.Group.NodePool };
        }

        void Snapshot(int month)
        {
            if (!_record)
            {
                // The Monte Carlo runs keep only used addresses (for the band), not the whole month.
                if (!StopAtFirst)
                {
                    result.Used.Add([.. subnets.Select(s => s.Space.InUse)]);
                }

                return;
            }

            result.Points.Add(new RunwayMonth(
                month,
                [.. pods.Select(RunwayGrowth.WholePods)],
                // Nodes carry podsPerNode each, so the last node may have room for more than the growth wants: what runs is never more than that.
                [.. podsRunning.Select((running, g) => Math.Min(running, RunwayGrowth.WholePods(pods[g])))],
                [.. nodesRunning],
                [.. subnets.Select(s => s.Space.InUse)],
                [.. subnets.Select(s => s.Space.FreePrefixes)])
            {
                PoolPodsWanted = [.. pools.Select(p => p.PodsWanted)],
                PoolPods = [.. pools.Select(p => p.PodsRunning)],
                PoolNodes = [.. pools.Select(p => p.NodesRunning)],
                NetworkAddressUnits = state.Usage.Units,
            });
        }
    }

    /// <summary>What one path found.</summary>
    public sealed class Result(List<SubnetState> subnets, int groups, int pools, int points)
    {
        public List<SubnetState> Subnets { get; } = subnets;

        public int?[] SubnetMonth { get; } = new int?[subnets.Count];

        public string?[] Reason { get; } = new string?[subnets.Count];

        public string?[] Detail { get; } = new string?[subnets.Count];

        public int?[] GroupMonth { get; } = new int?[groups];

        public (int Month, string Words)?[] GroupLimit { get; } = new (int, string)?[groups];

        public int?[] PoolLimitMonth { get; } = new int?[pools];

        public string?[] PoolStop { get; } = new string?[pools];

        public int[] PoolPending { get; } = new int[pools];

        public (int Month, string Words)?[] PoolNodeLimit { get; } = new (int, string)?[pools];

        public RunwayExhaustion? First { get; set; }

        public int? NetworkAddressUsageMonth { get; set; }

        public string? NetworkAddressUsageDetail { get; set; }

        public long NetworkAddressUnitsNow { get; set; }

        public int NetworkAddressUsageQuota { get; set; }

        public List<RunwayMonth> Points { get; } = new(points);

        public List<int[]> Used { get; } = [];
    }
}
