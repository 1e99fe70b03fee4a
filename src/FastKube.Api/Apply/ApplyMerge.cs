using System.Text.Json.Nodes;

namespace FastKube.Api.Apply;

/// <summary>
/// Merges an apply configuration into the live object (structured-merge-diff's Merge): structs and maps
/// merge field by field, keyed lists and sets item by item (live order kept, new items appended in the
/// configuration's order), and leaves (scalars, atomic lists and structs) take the configuration's value.
/// A null in the configuration removes the field.
/// </summary>
public static class ApplyMerge
{
    /// <summary>A merged copy; neither input is changed.</summary>
    public static JsonObject Merge(JsonObject? live, JsonObject config, Type type)
    {
        var result = (JsonObject)(live?.DeepClone() ?? new JsonObject());
        MergeObject(result, config, SchemaNode.Of(type));
        return result;
    }

    private static void MergeObject(JsonObject target, JsonObject config, SchemaNode schema)
    {
        foreach (var (name, value) in config)
        {
            if (value is null)
            {
                target.Remove(name);
                continue;
            }

            target.TryGetPropertyValue(name, out var existing);
            var merged = MergeNode(existing, value, schema.Field(name));
            if (!ReferenceEquals(merged, existing))
            {
                target[name] = merged;
            }
        }
    }

    // Returns the merged node: existing (changed in place) or a fresh copy of the configuration's value.
    private static JsonNode MergeNode(JsonNode? existing, JsonNode value, SchemaNode schema)
    {
        switch (schema.Kind)
        {
            case NodeKind.Struct or NodeKind.Map when existing is JsonObject target && value is JsonObject config:
                MergeObject(target, config, schema);
                return target;
            case NodeKind.KeyedList or NodeKind.SetList when existing is JsonArray target && value is JsonArray config:
                MergeList(target, config, schema);
                return target;
            default:
                return value.DeepClone();
        }
    }

    private static void MergeList(JsonArray target, JsonArray config, SchemaNode schema)
    {
        var index = new Dictionary<PathElement, int>();
        for (var i = 0; i < target.Count; i++)
        {
            if (schema.TryItemElement(target[i], out var element, out _))
            {
                index.TryAdd(element, i);
            }
        }

        var item = schema.Item();
        foreach (var value in config)
        {
            if (value is null || !schema.TryItemElement(value, out var element, out _))
            {
                continue; // unkeyable items were reported when the configuration's field set was computed
            }

            if (!index.TryGetValue(element, out var at))
            {
                index[element] = target.Count;
                target.Add(value.DeepClone());
            }
            else if (schema.Kind == NodeKind.KeyedList)
            {
                var merged = MergeNode(target[at], value, item);
                if (!ReferenceEquals(merged, target[at]))
                {
                    target[at] = merged;
                }
            }
        }
    }
}
