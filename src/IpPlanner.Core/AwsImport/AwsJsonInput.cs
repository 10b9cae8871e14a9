using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.AwsImport;

/// <summary>
/// Reads one saved AWS CLI or kubectl JSON file into its DTO. Every failure is an <see cref="InputException"/>
/// that names the file, the line when known and what the file should have been: a file given to the wrong flag
/// is recognised by its top-level key and named ("this is describe-instances output").
/// </summary>
internal static class AwsJsonInput
{
    /// <summary>Saved outputs of real accounts run to tens of MiB; past this the file is not one of them.</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The top-level key of each output we know, and the command that prints it.</summary>
    private static readonly (string Key, string Command)[] s_known =
    [
        ("Vpcs", "aws ec2 describe-vpcs"),
        ("Subnets", "aws ec2 describe-subnets"),
        ("NetworkInterfaces", "aws ec2 describe-network-interfaces"),
        ("Reservations", "aws ec2 describe-instances"),
        ("InstanceTypes", "aws ec2 describe-instance-types"),
        ("SubnetIpv4CidrReservations", "aws ec2 get-subnet-cidr-reservations"),
        ("cluster", "aws eks describe-cluster"),
        ("nodegroup", "aws eks describe-nodegroup"),
        ("NatGateways", "aws ec2 describe-nat-gateways"),
        ("VpcEndpoints", "aws ec2 describe-vpc-endpoints"),
        ("LoadBalancers", "aws elbv2 describe-load-balancers"),
        ("RouteTables", "aws ec2 describe-route-tables"),
    ];

    /// <summary>
    /// Reads <paramref name="path"/>: a JSON object with <paramref name="rootKey"/> at the top, as printed by
    /// <paramref name="command"/>.
    /// </summary>
    public static T Read<T>(string path, string rootKey, string command, JsonTypeInfo<T> type, string? shape = null)
    {
        var text = ReadText(path, command);
        path = BoundedInput.Name(path);
        using (var document = Parse(text, path, command))
        {
            CheckShape(document.RootElement, path, rootKey, command, shape ?? $"it holds {rootKey}");
        }

        try
        {
            return JsonSerializer.Deserialize(text, type)
                ?? throw InputException.At(path, 1, null, null, $"holds null; expected the output of '{command} --output json'");
        }
        catch (JsonException e)
        {
            throw InputException.At(path, Line(e), Column(e), FieldOf(e), $"{JsonErrors.Expected(e.Message)} (is this the output of '{command} --output json'?)");
        }
    }

    /// <summary>The file's text; throws when it cannot be read or is empty.</summary>
    public static string ReadText(string path, string command)
    {
        var text = BoundedInput.ReadText(path, MaxFileBytes, $"the saved output of '{command}'");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputException($"{BoundedInput.Name(path)}: the file is empty; expected the output of '{command}'");
        }

        return text;
    }

    private static JsonDocument Parse(string text, string path, string command)
    {
        try
        {
            return JsonDocument.Parse(text, s_documentOptions);
        }
        catch (JsonException e)
        {
            var hint = LooksTruncated(e, text) ? "the file ends before the JSON does (truncated?)" : JsonErrors.FirstSentence(e.Message);
            var format = command.StartsWith("kubectl", StringComparison.Ordinal) ? "-o json" : "--output json";
            throw InputException.At(path, Line(e), Column(e), null, $"not valid JSON: {hint} (expected the output of '{command} {format}')");
        }
    }

    private static void CheckShape(JsonElement root, string path, string rootKey, string command, string shape)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            throw InputException.At(path, 1, null, null, $"holds a bare JSON list; expected the whole output of '{command}' ({shape}), saved without --query");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InputException.At(path, 1, null, null, $"holds {root.ValueKind.ToString().ToLowerInvariant()}; expected the output of '{command}' ({shape})");
        }

        if (root.TryGetProperty(rootKey, out var value))
        {
            if (value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
            {
                throw InputException.At(path, null, null, rootKey, $"is {value.ValueKind.ToString().ToLowerInvariant()}; expected the output of '{command}'");
            }

            return;
        }

        foreach (var (key, other) in s_known)
        {
            if (root.TryGetProperty(key, out _))
            {
                throw InputException.At(path, 1, null, null, $"this is the output of '{other}' (it holds {key}); expected the output of '{command}' ({shape})");
            }
        }

        if (root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String)
        {
            throw InputException.At(path, 1, null, null, $"this is a Kubernetes {kind.GetString()}; expected the output of '{command}' ({shape})");
        }

        throw InputException.At(path, 1, null, null, $"has no {rootKey}; expected the output of '{command}' ({shape})");
    }

    internal static long? Line(JsonException e) => e.LineNumber is { } l ? l + 1 : null;

    internal static long? Column(JsonException e) => e.BytePositionInLine is { } c ? c + 1 : null;

    private static string? FieldOf(JsonException e) =>
        string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;

    private static bool LooksTruncated(JsonException e, string text)
    {
        // The reader reports an unclosed object or array at the very end of the input.
        if (e.LineNumber is not { } line)
        {
            return false;
        }

        var lines = text.TrimEnd().Split('\n').Length;
        return line + 1 >= lines && (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("end of", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("incomplete", StringComparison.OrdinalIgnoreCase));
    }
}
