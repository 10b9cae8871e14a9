namespace IpPlanner.Core.Engine;

/// <summary>
/// How the new nodes of one step start (docs/rules.md, "Launch order"): one after another, each with its warm pool
/// filled and its pods started before the next launches; or all at once, as an Auto Scaling group raised by many or a
/// Karpenter batch does, where EC2 gives every instance its primary IP first and the warm pools fill afterwards.
/// </summary>
public enum LaunchOrder
{
    /// <summary>One node at a time: each reaches its steady state before the next starts.</summary>
    Sequential,

    /// <summary>
    /// All at once: every new node of the step takes its primary IP, then node by node (in launch order) ipamd fills
    /// the warm pool and the pods start. A node may start and leave pods waiting for an address.
    /// </summary>
    Burst,
}

/// <summary>The words of a <see cref="LaunchOrder"/>.</summary>
public static class LaunchOrders
{
    /// <summary>The option value: <c>sequential</c> or <c>burst</c>.</summary>
    public static string Name(this LaunchOrder order) => order == LaunchOrder.Burst ? "burst" : "sequential";

    /// <summary>The order for an option value, or null for anything else.</summary>
    public static LaunchOrder? Parse(string? text) => text switch
    {
        "sequential" => LaunchOrder.Sequential,
        "burst" => LaunchOrder.Burst,
        _ => null,
    };

    /// <summary>"one at a time" or "at once", for verdicts.</summary>
    public static string Words(this LaunchOrder order) => order == LaunchOrder.Burst ? "at once" : "one at a time";
}
