using System.Text.Json;
using System.Text.Json.Serialization;
using IpPlanner.Cli.Commands;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Cli.Output;

/// <summary>Writes results as indented camelCase JSON with the source-generated serializer.</summary>
public static class JsonOutput
{
    /// <summary>Serializes <paramref name="value"/> followed by a newline.</summary>
    public static void Write<T>(TextWriter writer, T value)
    {
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)CliJsonContext.Default.GetTypeInfo(typeof(T))!;
        writer.WriteLine(JsonSerializer.Serialize(value, info));
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
[JsonSerializable(typeof(IpPlanner.Core.Planning.RecommendReport))]
[JsonSerializable(typeof(IReadOnlyList<MaxPodsRow>))]
[JsonSerializable(typeof(IReadOnlyList<InstanceType>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
