using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FastKube.Api.Serialization;

namespace FastKube.Api.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for the built-in types, as
/// kubectl apply/patch send it: objects merge, a null deletes, lists follow the field's strategy
/// (<see cref="PatchStrategies"/>: merge by key, merge as a set, or replace), and the directives
/// <c>$patch: replace|delete|merge</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/&lt;field&gt;</c>
/// and <c>$setElementOrder/&lt;field&gt;</c> are honoured. The field types come from the JSON
/// contract of the API types, so any type in <see cref="KubeJson"/> can be patched.
/// </summary>
/// <remarks>
/// $setElementOrder places the listed elements first in the given order and keeps the others after
/// them in their existing order; upstream interleaves server-only elements, a difference in order only.
/// </remarks>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    private static readonly ConcurrentDictionary<Type, JsonTypeInfo> TypeInfos = new();

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="original"/>, an object of CLR type <paramref name="type"/>.</summary>
    public static PatchResult Apply(JsonNode? original, JsonNode? patch, Type type)
    {
        if (patch is not JsonObject patchObject)
        {
            return PatchResult.Invalid("a strategic merge patch must be a JSON object");
        }

        var target = original?.DeepClone() as JsonObject ?? [];
        var error = MergeObject(target, patchObject, type, out var result);
        return error is not null ? PatchResult.Invalid(error) : PatchResult.Success(result ?? []);
    }

    // Merges patch into target (mutating it); result is target, a replacement, or null for "$patch: delete".
    private static string? MergeObject(JsonObject target, JsonObject patch, Type? type, out JsonObject? result)
    {
        result = target;
        if (patch.TryGetPropertyValue(PatchDirective, out var directive))
        {
            switch (TextOf(directive))
            {
                case "replace":
                    result = (JsonObject)Strip(patch)!;
                    return null;
                case "delete":
                    result = null;
                    return null;
                case "merge":
                    break;
                default:
                    return $"unknown patch type: {directive?.ToJsonString()}";
            }
        }

        if (patch.TryGetPropertyValue(RetainKeysDirective, out var retain))
        {
            if (retain is not JsonArray retained)
            {
                return $"{RetainKeysDirective} must be a list of field names";
            }

            var keep = retained.Select(TextOf).ToHashSet(StringComparer.Ordinal);
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }

        var orders = new List<(string Field, JsonArray Order)>();
        foreach (var (key, value) in patch.ToList())
        {
            var error = MergeField(target, key, value, type, orders);
            if (error is not null)
            {
                return error;
            }
        }

        foreach (var (field, order) in orders)
        {
            if (target[field] is JsonArray list)
            {
                Reorder(list, order, PatchStrategies.Of(type, field).MergeKey);
            }
        }

        return null;
    }

    private static string? MergeField(JsonObject target, string key, JsonNode? value, Type? type, List<(string, JsonArray)> orders)
    {
        if (key is PatchDirective or RetainKeysDirective)
        {
            return null;
        }

        if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
        {
            if (value is not JsonArray order)
            {
                return $"{key} must be a list";
            }

            orders.Add((key[SetElementOrderPrefix.Length..], order));
            return null;
        }

        if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
        {
            if (value is not JsonArray removals)
            {
                return $"{key} must be a list";
            }

            if (target[key[DeleteFromPrimitiveListPrefix.Length..]] is JsonArray primitives)
            {
                RemoveWhere(primitives, item => removals.Any(r => JsonNode.DeepEquals(r, item)));
            }

            return null;
        }

        if (key.StartsWith('$'))
        {
            return $"unknown directive {key}";
        }

        if (value is null)
        {
            target.Remove(key);
            return null;
        }

        var strategy = PatchStrategies.Of(type, key);
        var fieldType = FieldType(type, key);
        switch (value)
        {
            case JsonObject child:
            {
                var existing = target[key] as JsonObject;
                var error = MergeObject(existing ?? [], child, fieldType, out var merged);
                if (error is not null)
                {
                    return error;
                }

                Set(target, key, existing, merged);
                return null;
            }

            case JsonArray list when strategy.Merge:
            {
                var existing = target[key] as JsonArray;
                var error = MergeList(existing ?? [], list, strategy.MergeKey, ElementType(fieldType), out var merged);
                if (error is not null)
                {
                    return error;
                }

                Set(target, key, existing, merged);
                return null;
            }

            default:
                target[key] = Strip(value); // in place: the field keeps its position
                return null;
        }
    }

    private static string? MergeList(JsonArray target, JsonArray patch, string? mergeKey, Type? elementType, out JsonArray result)
    {
        result = target;
        if (patch.Any(e => e is JsonObject o && TextOf(o[PatchDirective]) == "replace"))
        {
            result = [.. patch.Where(e => !(e is JsonObject o && o.ContainsKey(PatchDirective))).Select(Strip)];
            return null;
        }

        foreach (var element in patch)
        {
            if (mergeKey is null)
            {
                if (!target.Any(existing => JsonNode.DeepEquals(existing, element)))
                {
                    target.Add(Strip(element));
                }

                continue;
            }

            if (element is not JsonObject patchElement)
            {
                return $"a list merged by \"{mergeKey}\" must hold objects, found {element?.ToJsonString() ?? "null"}";
            }

            if (!patchElement.TryGetPropertyValue(mergeKey, out var keyValue))
            {
                return $"map: {patchElement.ToJsonString()} does not contain declared merge key: {mergeKey}";
            }

            if (TextOf(patchElement[PatchDirective]) == "delete")
            {
                RemoveWhere(target, e => e is JsonObject o && JsonNode.DeepEquals(o[mergeKey], keyValue));
                continue;
            }

            var index = IndexOf(target, mergeKey, keyValue);
            if (index < 0)
            {
                target.Add(Strip(patchElement));
                continue;
            }

            var existing = (JsonObject)target[index]!;
            var error = MergeObject(existing, patchElement, elementType, out var merged);
            if (error is not null)
            {
                return error;
            }

            if (merged is null)
            {
                target.RemoveAt(index);
            }
            else if (!ReferenceEquals(merged, existing))
            {
                target[index] = merged;
            }
        }

        return null;
    }

    private static void Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        var items = list.ToList();
        list.Clear();
        var placed = new HashSet<JsonNode?>(ReferenceEqualityComparer.Instance);
        foreach (var wanted in order)
        {
            var match = items.FirstOrDefault(item => !placed.Contains(item) && (mergeKey is null
                ? JsonNode.DeepEquals(item, wanted)
                : item is JsonObject o && wanted is JsonObject w && JsonNode.DeepEquals(o[mergeKey], w[mergeKey])));
            if (match is not null)
            {
                placed.Add(match);
            }
        }

        foreach (var item in placed.Concat(items.Where(i => !placed.Contains(i))).ToList())
        {
            list.Add(item);
        }
    }

    private static void Set(JsonObject target, string key, JsonNode? existing, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(key);
        }
        else if (!ReferenceEquals(existing, value))
        {
            target[key] = value.Parent is null ? value : value.DeepClone();
        }
    }

    // A copy of a patch fragment without directives, for values that land in the result as they are.
    private static JsonNode? Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (!key.StartsWith('$'))
                    {
                        copy[key] = Strip(value);
                    }
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(Strip)]);
            default:
                return node?.DeepClone();
        }
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[mergeKey], keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static void RemoveWhere(JsonArray list, Func<JsonNode?, bool> predicate)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (predicate(list[i]))
            {
                list.RemoveAt(i);
            }
        }
    }

    private static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // The CLR type of a field: a property of an object type, or the value type of a map type.
    private static Type? FieldType(Type? type, string field)
    {
        if (type is null)
        {
            return null;
        }

        if (TypeInfo(type) is not { } info)
        {
            return null;
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == field)?.PropertyType,
            JsonTypeInfoKind.Dictionary => info.ElementType,
            _ => null,
        };
    }

    private static Type? ElementType(Type? listType) =>
        listType is not null && TypeInfo(listType) is { Kind: JsonTypeInfoKind.Enumerable } info ? info.ElementType : null;

    // Types outside the JSON contract (none today) patch without a schema: objects merge, lists are replaced.
    private static JsonTypeInfo? TypeInfo(Type type) =>
        TypeInfos.TryGetValue(type, out var cached) ? cached
        : KubeJson.Options.TryGetTypeInfo(type, out var info) ? TypeInfos.GetOrAdd(type, info)
        : null;
}
