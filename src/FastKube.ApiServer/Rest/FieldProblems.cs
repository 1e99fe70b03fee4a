using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FastKube.ApiServer.Rest;

/// <summary>
/// Walks a JSON body against the type's JSON contract and lists every unknown and duplicate field with its
/// path, in upstream's strict-decoding wording (<c>unknown field "spec.containers[0].imag"</c>,
/// <c>duplicate field "replicas"</c>). Only run after a strict decode failed, so known-good bodies never pay for it.
/// </summary>
internal static class FieldProblems
{
    private const int MaxProblems = 100;

    private static readonly ConcurrentDictionary<JsonTypeInfo, Dictionary<string, JsonPropertyInfo>> Properties = new();

    /// <summary>The problems found; empty when the body is malformed JSON or has none.</summary>
    public static List<string> Find(ReadOnlySpan<byte> body, JsonTypeInfo type)
    {
        var problems = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            Walk(document.RootElement, type, "", problems);
        }
        catch (JsonException)
        {
            // Malformed: the caller reports the decoder's own error.
            problems.Clear();
        }

        return problems;
    }

    private static void Walk(JsonElement element, JsonTypeInfo type, string path, List<string> problems)
    {
        if (problems.Count >= MaxProblems)
        {
            return;
        }

        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                var properties = Properties.GetOrAdd(type, t => t.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal));
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                    if (!seen.Add(member.Name))
                    {
                        problems.Add($"duplicate field \"{child}\"");
                    }
                    else if (!properties.TryGetValue(member.Name, out var property))
                    {
                        problems.Add($"unknown field \"{child}\"");
                    }
                    else
                    {
                        Walk(member.Value, type.Options.GetTypeInfo(property.PropertyType), child, problems);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && type.ElementType is { } itemType:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, type.Options.GetTypeInfo(itemType), $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", problems);
                    index++;
                }

                break;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object && type.ElementType is { } valueType:
                foreach (var member in element.EnumerateObject())
                {
                    Walk(member.Value, type.Options.GetTypeInfo(valueType), $"{path}[{member.Name}]", problems);
                }

                break;
        }
    }
}
