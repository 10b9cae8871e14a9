using System.Text.Json;
using System.Text.Json.Serialization;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Catalog;

/// <summary>
/// Reads the JSON that <c>aws ec2 describe-instance-types --output json</c> prints (one page or the whole list)
/// into catalog entries. Errors name the file, the line and the field.
/// </summary>
public static class DescribeInstanceTypesReader
{
    /// <summary>Every instance type AWS offers, described, is a few MiB; past this the file is not that output.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Reads a file; throws <see cref="InputException"/> for anything that is not describe-instance-types output.</summary>
    public static IReadOnlyList<InstanceType> ReadFile(string path)
    {
        var text = BoundedInput.ReadText(path, MaxFileBytes, "the output of 'aws ec2 describe-instance-types --output json'");
        return Read(text, BoundedInput.Name(path));
    }

    /// <summary>Reads JSON text; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<InstanceType> Read(string json, string source)
    {
        DescribeInstanceTypesOutput? output;
        try
        {
            output = JsonSerializer.Deserialize(json, DescribeInstanceTypesJsonContext.Default.DescribeInstanceTypesOutput);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? l + 1 : (long?)null;
            var column = e.BytePositionInLine is { } c ? c + 1 : (long?)null;
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path;
            throw InputException.At(source, line, column, field, "not valid describe-instance-types JSON: " +
                (e.Message.Contains("could not be converted", StringComparison.Ordinal) ? JsonErrors.Expected(e.Message) : FirstSentence(e.Message)));
        }

        if (output?.InstanceTypes is null)
        {
            throw InputException.At(source, 1, null, "InstanceTypes", "missing: expected the output of 'aws ec2 describe-instance-types --output json'");
        }

        var types = new List<InstanceType>(output.InstanceTypes.Count);
        for (var i = 0; i < output.InstanceTypes.Count; i++)
        {
            types.Add(Convert(output.InstanceTypes[i], $"InstanceTypes[{i}]", source));
        }

        return types;
    }

    private static InstanceType Convert(InstanceTypeInfo info, string path, string source)
    {
        if (string.IsNullOrWhiteSpace(info.InstanceType))
        {
            throw InputException.At(source, null, null, path + ".InstanceType", "missing: every entry needs its instance type name");
        }

        var name = info.InstanceType;
        var where = $"{path} ({name})";
        var network = info.NetworkInfo ?? throw InputException.At(source, null, null, where + ".NetworkInfo", "missing: the ENI limits come from NetworkInfo");
        var cards = (network.NetworkCards ?? [])
            .Select(c => new NetworkCard(c.NetworkCardIndex, c.MaximumNetworkInterfaces))
            .OrderBy(c => c.Index)
            .ToArray();
        var defaultCard = network.DefaultNetworkCardIndex ?? 0;
        var maxEnis = cards.Where(c => c.Index == defaultCard).Select(c => c.MaxEnis).FirstOrDefault();
        if (maxEnis == 0)
        {
            maxEnis = network.MaximumNetworkInterfaces ?? 0;
        }

        if (maxEnis < 1)
        {
            throw InputException.At(source, null, null, where + ".NetworkInfo.MaximumNetworkInterfaces", $"{maxEnis} is not valid (expected 1 or more ENIs)");
        }

        var perEni = network.Ipv4AddressesPerInterface ?? 0;
        if (perEni < 1)
        {
            throw InputException.At(source, null, null, where + ".NetworkInfo.Ipv4AddressesPerInterface", $"{perEni} is not valid (expected 1 or more addresses)");
        }

        if (cards.Length == 0)
        {
            cards = [new NetworkCard(0, maxEnis)];
        }

        var type = new InstanceType(
            name,
            info.VCpuInfo?.DefaultVCpus,
            string.IsNullOrEmpty(info.Hypervisor) ? null : info.Hypervisor,
            info.BareMetal ?? false,
            maxEnis,
            perEni,
            cards,
            BranchEnis: null,
            MemoryMiB: info.MemoryInfo?.SizeInMiB);
        return Architecture(info.ProcessorInfo?.SupportedArchitectures) is { } architecture ? type with { Architecture = architecture } : type;
    }

    // Karpenter takes the first architecture it recognises (types.go getArchitecture); none: decide by the name.
    private static string? Architecture(List<string>? supported) =>
        (supported ?? []).Select(ArchitectureRule.FromEc2).FirstOrDefault(a => a is not null);

    private static string FirstSentence(string message)
    {
        // The location System.Text.Json appends (". Path: ... | LineNumber: ..." or ". LineNumber: ...") is already
        // in front of the message as file:line:column.
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(". LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).ReplaceLineEndings(" ");
    }
}

internal sealed class DescribeInstanceTypesOutput
{
    public List<InstanceTypeInfo>? InstanceTypes { get; set; }
}

internal sealed class InstanceTypeInfo
{
    public string? InstanceType { get; set; }
    public string? Hypervisor { get; set; }
    public bool? BareMetal { get; set; }
    public VCpuInfo? VCpuInfo { get; set; }
    public NetworkInfo? NetworkInfo { get; set; }
    public MemoryInfo? MemoryInfo { get; set; }
    public ProcessorInfo? ProcessorInfo { get; set; }
}

internal sealed class MemoryInfo
{
    public int? SizeInMiB { get; set; }
}

internal sealed class ProcessorInfo
{
    public List<string>? SupportedArchitectures { get; set; }
}

internal sealed class VCpuInfo
{
    public int? DefaultVCpus { get; set; }
}

internal sealed class NetworkInfo
{
    public int? MaximumNetworkInterfaces { get; set; }
    public int? Ipv4AddressesPerInterface { get; set; }
    public int? DefaultNetworkCardIndex { get; set; }
    public List<NetworkCardInfo>? NetworkCards { get; set; }
}

internal sealed class NetworkCardInfo
{
    public int NetworkCardIndex { get; set; }
    public int MaximumNetworkInterfaces { get; set; }
}

[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(DescribeInstanceTypesOutput))]
internal sealed partial class DescribeInstanceTypesJsonContext : JsonSerializerContext;
