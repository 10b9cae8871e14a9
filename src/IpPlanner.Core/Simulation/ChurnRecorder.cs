using IpPlanner.Core.Engine;

namespace IpPlanner.Core.Simulation;

/// <summary>
/// What a churn run writes down (<see cref="RunResult"/>): every subnet's used addresses at each sample and at its
/// peak, and when it first ran out, whether ipamd was refused or a subnet the nodes draw from has no address left.
/// </summary>
internal sealed class ChurnRecorder(List<SubnetState> subnets, RunResult result)
{
    // Subnets the run's nodes or their pods draw from: only those count as run out when they hold no free address.
    private readonly bool[] _nodeSubnet = new bool[subnets.Count];

    /// <summary>The run's record.</summary>
    public RunResult Result { get; } = result;

    /// <summary>Records every subnet's used addresses as sample number <paramref name="index"/>.</summary>
    public void Sample(int index)
    {
        for (var s = 0; s < subnets.Count; s++)
        {
            Result.Samples[index, s] = subnets[s].Space.InUse;
        }
    }

    /// <summary>Subnet number <paramref name="subnet"/> serves nodes or their pods.</summary>
    public void ServesNodes(int subnet) => _nodeSubnet[subnet] = true;

    /// <summary>Subnet number <paramref name="subnet"/> ran out at <paramref name="now"/>, unless it did before.</summary>
    public void MarkFailure(int subnet, double now)
    {
        if (double.IsNaN(Result.FirstFailureSeconds[subnet]))
        {
            Result.FirstFailureSeconds[subnet] = now;
        }
    }

    /// <summary>After each event: the peaks, and any subnet the nodes draw from that has no address left.</summary>
    public void UpdatePeaks(double now)
    {
        for (var s = 0; s < subnets.Count; s++)
        {
            var space = subnets[s].Space;
            if (space.InUse > Result.PeakUsed[s])
            {
                Result.PeakUsed[s] = space.InUse;
            }

            // A subnet that nodes draw from with no address left is exhausted, whether or not ipamd has asked yet.
            if (_nodeSubnet[s] && space.Free == 0)
            {
                MarkFailure(s, now);
            }
        }
    }
}
