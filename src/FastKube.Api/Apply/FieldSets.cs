using System.Text.Json.Nodes;

namespace FastKube.Api.Apply;

/// <summary>
/// Field sets of objects, as structured-merge-diff computes them: the set an apply configuration
/// specifies (<see cref="Of"/>, upstream's ToFieldSet) and the paths one write added, changed or removed
/// (<see cref="Compare"/>). Objects are JSON trees typed by their CLR type through <see cref="ApplySchema"/>.
/// </summary>
public static class FieldSets
{
    /// <summary>
    /// The fields <paramref name="obj"/> sets: every leaf (scalars, atomic lists and structs), every list
    /// item, every map entry, and every null or empty object. A struct that holds fields is not itself a
    /// member: only what it holds is.
    /// </summary>
    public static FieldSet Of(JsonNode? obj, Type type, out string error)
    {
        var set = new FieldSet();
        error = "";
        var path = new List<PathElement>();
        Walk(obj, SchemaNode.Of(type), set, path, ref error);
        return set;
    }

    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>: leaves and items that appeared
    /// (and, for maps, lists and items, the node itself when it was absent before), leaves whose value
    /// changed, and paths that disappeared.
    /// </summary>
    public static FieldChanges Compare(JsonNode? before, JsonNode? after, Type type)
    {
        var changes = new FieldChanges(new FieldSet(), new FieldSet(), new FieldSet());
        CompareNode(before, after, SchemaNode.Of(type), changes, []);
        return changes;
    }

    private static void Insert(FieldSet set, List<PathElement> path) => set.Insert(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(path));

    private static void Walk(JsonNode? node, SchemaNode schema, FieldSet set, List<PathElement> path, ref string error)
    {
        switch (schema.Kind)
        {
            case NodeKind.Struct or NodeKind.Map when node is JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    path.Add(PathElement.Field(name));
                    var child = schema.Field(name);
                    Walk(value, child, set, path, ref error);
                    if (value is null || value is JsonObject { Count: 0 } || !schema.Declares(name))
                    {
                        Insert(set, path);
                    }

                    path.RemoveAt(path.Count - 1);
                }

                break;
            case NodeKind.SetList or NodeKind.KeyedList when node is JsonArray list:
                var item = schema.Item();
                var seen = new HashSet<PathElement>();
                for (var i = 0; i < list.Count; i++)
                {
                    if (!schema.TryItemElement(list[i], out var element, out var itemError))
                    {
                        error = error.Length > 0 ? error : $"{Render(path)}: element {i}: {itemError}";
                        continue;
                    }

                    if (!seen.Add(element))
                    {
                        error = error.Length > 0 ? error : $"{Render(path)}: duplicate entries for key {element}";
                        continue;
                    }

                    path.Add(element);
                    if (schema.Kind == NodeKind.KeyedList)
                    {
                        Walk(list[i], item, set, path, ref error);
                    }

                    Insert(set, path);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case NodeKind.Struct or NodeKind.Map or NodeKind.SetList or NodeKind.KeyedList:
                // A null (or a value of the wrong shape) where a container belongs: the caller records the path.
                break;
            default:
                Insert(set, path);
                break;
        }
    }

    private static void CompareNode(JsonNode? before, JsonNode? after, SchemaNode schema, FieldChanges changes, List<PathElement> path)
    {
        var container = schema.Kind != NodeKind.Leaf && (before is JsonObject or JsonArray or null) && (after is JsonObject or JsonArray or null)
            && !(IsEmpty(before) && IsEmpty(after));
        if (!container)
        {
            if (before is null)
            {
                Insert(changes.Added, path);
            }
            else if (after is null)
            {
                Insert(changes.Removed, path);
            }
            else if (!JsonNode.DeepEquals(before, after))
            {
                Insert(changes.Modified, path);
            }

            return;
        }

        if (schema.Kind is NodeKind.Struct or NodeKind.Map)
        {
            var left = before as JsonObject;
            var right = after as JsonObject;
            foreach (var (name, value) in (IEnumerable<KeyValuePair<string, JsonNode?>>?)left ?? [])
            {
                Descend(value, right?[name], schema.Field(name), changes, path, PathElement.Field(name));
            }

            foreach (var (name, value) in (IEnumerable<KeyValuePair<string, JsonNode?>>?)right ?? [])
            {
                if (left is null || !left.ContainsKey(name))
                {
                    Descend(null, value, schema.Field(name), changes, path, PathElement.Field(name));
                }
            }
        }
        else
        {
            var left = Items(before as JsonArray, schema);
            var right = Items(after as JsonArray, schema);
            var item = schema.Kind == NodeKind.KeyedList ? schema.Item() : default;
            foreach (var (element, value) in left)
            {
                var other = right.GetValueOrDefault(element);
                if (schema.Kind == NodeKind.KeyedList)
                {
                    Descend(value, other, item, changes, path, element);
                }
                else if (other is null)
                {
                    Descend(value, null, item, changes, path, element);
                }
            }

            foreach (var (element, value) in right)
            {
                if (!left.ContainsKey(element))
                {
                    Descend(null, value, item, changes, path, element);
                }
            }
        }

        // Upstream also records a container node that appeared or disappeared as a whole; struct fields are
        // left out, as Go's zero-valued structs are always present on the typed objects upstream compares.
        if (path.Count > 0 && (schema.Kind != NodeKind.Struct || path[^1].Kind != PathElementKind.Field))
        {
            if (before is null)
            {
                Insert(changes.Added, path);
            }
            else if (after is null)
            {
                Insert(changes.Removed, path);
            }
        }
    }

    private static void Descend(JsonNode? before, JsonNode? after, SchemaNode schema, FieldChanges changes, List<PathElement> path, PathElement element)
    {
        path.Add(element);
        CompareNode(before, after, schema, changes, path);
        path.RemoveAt(path.Count - 1);
    }

    private static bool IsEmpty(JsonNode? node) => node is null || node is JsonObject { Count: 0 } || node is JsonArray { Count: 0 };

    private static Dictionary<PathElement, JsonNode?> Items(JsonArray? list, SchemaNode schema)
    {
        var items = new Dictionary<PathElement, JsonNode?>();
        foreach (var value in (IEnumerable<JsonNode?>?)list ?? [])
        {
            if (schema.TryItemElement(value, out var element, out _))
            {
                items.TryAdd(element, value);
            }
        }

        return items;
    }

    /// <summary>A path as upstream prints it: <c>.spec.template.spec.containers[name="web"].image</c>.</summary>
    public static string Render(IEnumerable<PathElement> path) => string.Concat(path.Select(e => e.ToString()));
}
