using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// What the rule sets of <see cref="ScenarioValidator"/> share: the bag their findings go to, and the file's subnets by
/// id, which the address rules register and the others resolve references against (each unknown one reported once).
/// </summary>
internal sealed class ValidationScope(DiagnosticBag bag)
{
    /// <summary>Where findings go.</summary>
    public DiagnosticBag Bag { get; } = bag;

    /// <summary>The file's subnets by id, first definition wins.</summary>
    public Dictionary<string, SubnetDraft> Subnets { get; } = new(StringComparer.Ordinal);

    /// <summary>The paths of subnet references already reported as unknown.</summary>
    public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);
}

/// <summary>A set of checks that look at more than one field, with the lookups every set needs.</summary>
internal abstract class ScenarioRules(ValidationScope scope)
{
    /// <summary>Where findings go.</summary>
    protected DiagnosticBag Bag => scope.Bag;

    /// <summary>The file's subnets by id (registered by <see cref="AddressRules"/>).</summary>
    protected Dictionary<string, SubnetDraft> Subnets => scope.Subnets;

    private HashSet<string> Reported => scope.Reported;

    protected void CheckUniqueName(Dictionary<string, ElementDraft> names, string? name, ElementDraft element, string what)
    {
        if (name is null)
        {
            return;
        }

        if (!names.TryAdd(name, element))
        {
            var first = names[name];
            Bag.Error(FindingCodes.DuplicateName, $"{element.Path}.name", $"{what} name '{name}' is already used by {first.Path} (line {first.Line}); names must be unique");
        }
    }

    protected void RequireSome(List<SubnetRef> refs, string path, string message)
    {
        if (refs.Count == 0 && Bag.Positions.ContainsKey(path) && !Bag.HasErrorAt(path))
        {
            Bag.Error(FindingCodes.MissingField, path, message);
        }
    }

    protected void CheckOneSubnetPerZone(List<SubnetRef> refs, List<SubnetDraft> subnets, string what)
    {
        var zones = new Dictionary<string, SubnetDraft>(StringComparer.Ordinal);
        for (var i = 0; i < subnets.Count; i++)
        {
            if (subnets[i].Zone is { } zone && !zones.TryAdd(zone, subnets[i]) && !ReferenceEquals(zones[zone], subnets[i]))
            {
                Bag.Error(FindingCodes.OneSubnetPerZone, refs[i].Path, $"'{subnets[i].Id}' and '{zones[zone].Id}' are both in {zone}; {what} takes one subnet per Availability Zone");
            }
        }
    }

    /// <summary>The subnets of <paramref name="refs"/>, reporting each unknown id; null when any is unknown.</summary>
    protected List<SubnetDraft>? Resolve(List<SubnetRef> refs)
    {
        var result = new List<SubnetDraft>(refs.Count);
        var complete = true;
        foreach (var subnetRef in refs)
        {
            if (Resolve(subnetRef) is { } subnet)
            {
                result.Add(subnet);
            }
            else
            {
                complete = false;
            }
        }

        return complete ? result : null;
    }

    protected SubnetDraft? Resolve(SubnetRef subnetRef)
    {
        if (Subnets.TryGetValue(subnetRef.Id, out var subnet))
        {
            return subnet;
        }

        // Several checks resolve the same reference; say so once.
        if (Reported.Add(subnetRef.Path))
        {
            var suggestion = ScenarioReader.Closest(subnetRef.Id, Subnets.Keys);
            var hint = suggestion is not null ? $"did you mean '{suggestion}'?"
                : Subnets.Count is > 0 and <= 8 ? $"defined: {string.Join(", ", Subnets.Keys)}"
                : Subnets.Count == 0 ? "none are defined" : "";
            Bag.Error(FindingCodes.UnknownSubnet, subnetRef.Path, $"subnet '{subnetRef.Id}' is not defined under subnets" + (hint.Length > 0 ? $" ({hint})" : ""));
        }

        return null;
    }

    /// <summary>The distinct zones, or null when a subnet's zone is unknown (already reported).</summary>
    protected static List<string>? Zones(List<SubnetDraft> subnets)
    {
        if (subnets.Any(s => s.Zone is null))
        {
            return null;
        }

        return [.. subnets.Select(s => s.Zone!).Distinct(StringComparer.Ordinal)];
    }
}
