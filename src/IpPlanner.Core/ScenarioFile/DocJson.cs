using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>Prints a <see cref="DocMap"/> as indented JSON (the scenario loader reads it like the YAML). Comments are dropped.</summary>
public static class DocJson
{
    /// <summary>The JSON text, ending in a newline.</summary>
    public static string Write(DocMap root)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            // Tag values and names hold quotes and slashes: keep them readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            WriteNode(writer, root);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNode(Utf8JsonWriter writer, DocNode node)
    {
        switch (node)
        {
            case DocScalar { Kind: DocScalarKind.Number } number:
                // The text is already an invariant number (an integer, or a fraction from DocScalar.Of(double)):
                // write it as is rather than squeezing it through long, which fractions do not fit.
                writer.WriteRawValue(number.Value);
                break;
            case DocScalar { Kind: DocScalarKind.Bool } boolean:
                writer.WriteBooleanValue(boolean.Value == "true");
                break;
            case DocScalar text:
                writer.WriteStringValue(text.Value);
                break;
            case DocList list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            case DocMap map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    WriteNode(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"unknown node type {node.GetType().Name}", nameof(node));
        }
    }
}
