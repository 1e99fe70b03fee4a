using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apply;

/// <summary>How one node of an object is merged and owned.</summary>
internal enum NodeKind
{
    /// <summary>A scalar, atomic list, atomic struct or raw JSON: replaced and owned whole.</summary>
    Leaf,

    /// <summary>An object with declared fields, each merged and owned on its own.</summary>
    Struct,

    /// <summary>A string-keyed map (labels, data): each entry merged and owned on its own.</summary>
    Map,

    /// <summary>A list of scalars merged as a set.</summary>
    SetList,

    /// <summary>A list of objects merged by key fields.</summary>
    KeyedList,
}

/// <summary>The schema of one node: its kind, its CLR type (null when unknown) and, for lists, the item type and keys.</summary>
internal readonly record struct SchemaNode(NodeKind Kind, Type? Type, Type? ItemType, IReadOnlyList<string> Keys)
{
    private static readonly ConcurrentDictionary<Type, JsonTypeInfo?> TypeInfos = new();

    // The declared fields of each struct type by JSON name (a linear scan of the contract per step cost more than the rest of a diff).
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>> Fields = new();

    /// <summary>The root of an object of <paramref name="type"/>.</summary>
    public static SchemaNode Of(Type? type) => Describe(type, ListType.Atomic);

    /// <summary>The child at <paramref name="field"/>: a declared field of a struct or an entry of a map.</summary>
    public SchemaNode Field(string field)
    {
        if (Kind == NodeKind.Map)
        {
            return Describe(ItemType, ListType.Atomic);
        }

        if (Kind != NodeKind.Struct || Type is null || !FieldsOf(Type).TryGetValue(field, out var fieldType))
        {
            return Describe(null, ListType.Atomic);
        }

        return Describe(fieldType, ApplySchema.ListOf(Type, field));
    }

    /// <summary>Whether <paramref name="field"/> is a declared field (not a map entry or an unknown name).</summary>
    public bool Declares(string field) =>
        Kind == NodeKind.Struct && Type is not null && FieldsOf(Type).ContainsKey(field);

    /// <summary>The schema of a list item.</summary>
    public SchemaNode Item() => Describe(ItemType, ListType.Atomic);

    /// <summary>The path element of a list item (by key or value); false with a reason when it cannot be keyed.</summary>
    public bool TryItemElement(JsonNode? item, out PathElement element, out string error)
    {
        error = "";
        if (Kind == NodeKind.SetList)
        {
            element = PathElement.Value(item);
            return true;
        }

        element = default;
        if (item is not JsonObject obj)
        {
            error = "associative list with keys has an element that is not a map";
            return false;
        }

        var fields = new List<KeyValuePair<string, JsonNode?>>(Keys.Count);
        foreach (var key in Keys)
        {
            if (obj.TryGetPropertyValue(key, out var value) && value is not null)
            {
                fields.Add(KeyValuePair.Create<string, JsonNode?>(key, value));
            }
            else if (ApplySchema.KeyDefault(ItemType, key) is { } fallback)
            {
                fields.Add(KeyValuePair.Create(key, (JsonNode?)JsonValue.Create(fallback)));
            }
            else
            {
                error = $"associative list with keys has an element that omits key field \"{key}\" (and doesn't have default value)";
                return false;
            }
        }

        element = PathElement.Key(fields);
        return true;
    }

    private static SchemaNode Describe(Type? type, ListType list)
    {
        if (type is null || Info(type) is not { } info)
        {
            return new(NodeKind.Leaf, type, null, []);
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Object when !ApplySchema.IsAtomicStruct(type) => new(NodeKind.Struct, type, null, []),
            JsonTypeInfoKind.Dictionary => new(NodeKind.Map, type, info.ElementType, []),
            JsonTypeInfoKind.Enumerable when list.Kind == ListKind.Set => new(NodeKind.SetList, type, info.ElementType, []),
            JsonTypeInfoKind.Enumerable when list.Kind == ListKind.Map => new(NodeKind.KeyedList, type, info.ElementType, list.Keys),
            _ => new(NodeKind.Leaf, type, null, []),
        };
    }

    private static Dictionary<string, Type> FieldsOf(Type type) =>
        Fields.GetOrAdd(type, static t => Info(t)?.Properties.ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal) ?? []);

    private static JsonTypeInfo? Info(Type type) =>
        TypeInfos.GetOrAdd(type, static t => KubeJson.Options.TryGetTypeInfo(t, out var info) ? info : null);
}
