using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace IpPlanner.Core.Planning;

/// <summary>The runway's one-line verdict.</summary>
internal static class RunwayVerdict
{
    /// <summary>The runway's verdict in words: the first subnet to run out and when, what stops growing before it, and the spread over the runs.</summary>
    public static string Of(RunwayExhaustion? first, List<RunwayGroup> groups, List<RunwayNodePool> pools, int months, MonthPercentiles? percentiles)
    {
        var spread = percentiles is null ? "" : $"; over the runs P10 {Runway.Month(percentiles.P10, months)}, P50 {Runway.Month(percentiles.P50, months)}, P90 {Runway.Month(percentiles.P90, months)}";
        var binding = groups.Where(g => g.MaxNodesReachedInMonth is { } m && (first is null || m < first.Month)).ToList();
        var capped = binding.Count == 0
            ? ""
            : "; first " + string.Join(", ", binding.Select(g => $"group {g.Name} reaches maxNodes {N(g.MaxNodes)} in month {g.MaxNodesReachedInMonth} and grows no further"));
        var limited = groups.Where(g => g.NodeLimitInMonth is { } m && (first is null || m < first.Month)).ToList();
        capped += limited.Count == 0
            ? ""
            : "; " + string.Join(", ", limited.Select(g => $"group {g.Name} stops growing in month {g.NodeLimitInMonth}, not for want of addresses: {g.NodeLimit}"));
        var stopped = pools.Where(p => p.LimitsReachedInMonth is { } m && (first is null || m < first.Month)).ToList();
        capped += stopped.Count == 0
            ? ""
            : "; " + string.Join(", ", stopped.Select(p => p.Stop == "limits"
                ? $"NodePool {p.Name} reaches its limits ({p.Limits}) in month {p.LimitsReachedInMonth} and leaves pods pending"
                : $"NodePool {p.Name} leaves pods pending from month {p.LimitsReachedInMonth}: no allowed instance type fits one pod"));
        var poolLimited = pools.Where(p => p.NodeLimitInMonth is { } m && (first is null || m < first.Month)).ToList();
        capped += poolLimited.Count == 0
            ? ""
            : "; " + string.Join(", ", poolLimited.Select(p => $"NodePool {p.Name}'s nodes stop in month {p.NodeLimitInMonth}, not for want of addresses: {p.NodeLimit}"));
        if (first is null)
        {
            return $"no subnet runs out within {months} months{capped}{spread}";
        }

        var when = first.Month == 0 ? "already now (month 0)" : $"in month {first.Month}";
        var detail = first.Detail is null ? first.Reason : $"{first.Reason}: {first.Detail}";
        var who = first.NodePool is { } pool ? $"NodePool {pool} places more pods" : $"group {first.NodeGroup} needs another node";
        return first.NetworkAddressUsage
            ? $"no subnet runs out first: the VPC's {first.Reason} stops growth {when}, when {who} ({first.Detail}){capped}{spread}"
            : $"subnet {first.Subnet} runs out first, {when}, when {who} ({detail}){capped}{spread}";
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
