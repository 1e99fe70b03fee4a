using System.Text.Json.Nodes;
using FastKube.Api.Core;
using FastKube.Api.Serialization;

namespace FastKube.Controllers.Deployments;

/// <summary>
/// A pod template as canonical JSON: keys sorted, and empty values (null, "", {}, []) dropped, so that two
/// templates Go would call equal — one written by kubectl with <c>resources: {}</c> and
/// <c>creationTimestamp: null</c>, one defaulted here without them — compare and hash the same.
/// </summary>
internal static class TemplateJson
{
    public static string Canonical(PodTemplateSpec template) =>
        (Normalize(JsonNode.Parse(KubeJson.Serialize(template))) ?? new JsonObject()).ToJsonString();

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
                {
                    if (Normalize(value?.DeepClone()) is { } kept)
                    {
                        sorted[key] = kept;
                    }
                }

                return sorted.Count == 0 ? null : sorted;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Normalize(item?.DeepClone()));
                }

                return items.Count == 0 ? null : items;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Length == 0:
                return null;
            default:
                return node;
        }
    }
}
