namespace IpPlanner.Core.Engine;

/// <summary>
/// Round-robin placement over a list of subnets: item i (a group's node, a Fargate profile's pod) goes to subnet
/// i mod k, in the listed order. The planner, the scale curve, the churn simulation and the recommender's sizing
/// all place through here (docs/rules.md, "Round-robin placement").
/// </summary>
internal static class RoundRobin
{
    /// <summary>The subnet item <paramref name="index"/> (0-based) goes to.</summary>
    public static string SubnetFor(IReadOnlyList<string> subnets, int index)
    {
        ArgumentNullException.ThrowIfNull(subnets);
        return subnets[SlotFor(subnets.Count, index)];
    }

    /// <summary>The position in a list of <paramref name="subnets"/> subnets that item <paramref name="index"/> (0-based) goes to.</summary>
    public static int SlotFor(int subnets, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return index % subnets;
    }

    /// <summary>How many of <paramref name="items"/> items land in subnet number <paramref name="subnetIndex"/> of <paramref name="subnets"/>.</summary>
    public static int PlacedIn(int items, int subnets, int subnetIndex) =>
        (items / subnets) + (subnetIndex < items % subnets ? 1 : 0);
}
