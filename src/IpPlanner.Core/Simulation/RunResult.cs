namespace IpPlanner.Core.Simulation;

/// <summary>What one simulated run measured, per subnet in scenario order.</summary>
internal sealed class RunResult
{
    internal RunResult(int subnets, int samples)
    {
        PeakUsed = new int[subnets];
        FirstFailureSeconds = new double[subnets];
        Array.Fill(FirstFailureSeconds, double.NaN);
        PodsFailedToStart = new int[subnets];
        Samples = new int[samples, subnets];
    }

    /// <summary>Highest used-address count seen.</summary>
    public int[] PeakUsed { get; }

    /// <summary>When the subnet first ran out: no free address left, or EC2 refused an ENI, IP or prefix (NaN: never).</summary>
    public double[] FirstFailureSeconds { get; }

    /// <summary>Pods whose first attempt found no IP, by the subnet their IP comes from.</summary>
    public int[] PodsFailedToStart { get; }

    /// <summary>Pods still without an IP when the run ended.</summary>
    public int PodsPendingAtEnd { get; internal set; }

    /// <summary>Pods created in the run (all workloads).</summary>
    public int PodsCreated { get; internal set; }

    /// <summary>
    /// Pods that found no node able to take them when created (every node of their group at max pods, or none
    /// running): they wait as pending, never counted as running, and are placed when a node has room again.
    /// </summary>
    public int PodsUnschedulable { get; internal set; }

    /// <summary>Used addresses at each sample time (rows) per subnet (columns).</summary>
    public int[,] Samples { get; }
}
