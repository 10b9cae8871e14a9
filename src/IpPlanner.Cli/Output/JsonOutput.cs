using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using IpPlanner.Cli.Commands;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Cli.Output;

/// <summary>
/// Writes results as indented camelCase JSON with the source-generated serializer, the same way for every verb.
/// </summary>
internal static class JsonOutput
{
    // Messages and names quote ('subnet-a'), add (+) and cite (§): the default encoder would print \u0027, \u002B
    // and \u00A7. The output is a JSON document for jq and scripts, never embedded in HTML, so the relaxed
    // encoder (which still escapes quotes, backslashes and control characters) is safe.
    private static readonly JsonSerializerOptions s_options = new(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CliJsonContext.Default,
    };

    /// <summary>Serializes <paramref name="value"/> followed by a newline.</summary>
    public static void Write<T>(TextWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)s_options.GetTypeInfo(typeof(T))));
    }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MaxPodsReport))]
[JsonSerializable(typeof(IpPlanner.Core.Cni.NodeReport))]
[JsonSerializable(typeof(IpPlanner.Core.Planning.PlanReport))]
[JsonSerializable(typeof(IpPlanner.Core.Simulation.ScaleCurveReport))]
[JsonSerializable(typeof(IpPlanner.Core.Simulation.SimulationReport))]
[JsonSerializable(typeof(IpPlanner.Core.Planning.Recommend.RecommendReport))]
[JsonSerializable(typeof(IpPlanner.Core.Planning.RunwayReport))]
[JsonSerializable(typeof(ValidateReport))]
[JsonSerializable(typeof(IReadOnlyList<MaxPodsRow>))]
[JsonSerializable(typeof(IReadOnlyList<InstanceType>))]
[JsonSerializable(typeof(IpPlanner.Core.Simulation.NodePoolScaleReport))]
[JsonSerializable(typeof(IpPlanner.Core.Simulation.UpgradeReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
