using System.Buffers;
using System.Text.Json;

namespace FastKube.Api.Apply;

/// <summary>
/// A set of field paths as a trie (structured-merge-diff's fieldpath.Set): each node says whether its own
/// path is a member and holds its children sorted in upstream's element order. Serialized as FieldsV1:
/// every child is a JSON member named by <see cref="PathElement.Encode"/>, a member leaf is <c>{}</c>, and a
/// member that also has children carries <c>".": {}</c> first.
/// </summary>
public sealed class FieldSet
{
    private SortedDictionary<PathElement, FieldSet>? _children;

    /// <summary>Whether the path leading to this node is itself in the set.</summary>
    public bool IsMember { get; private set; }

    public bool IsEmpty => !IsMember && (_children is null || _children.Count == 0);

    /// <summary>The child nodes in upstream order.</summary>
    public IEnumerable<KeyValuePair<PathElement, FieldSet>> Children => _children ?? Enumerable.Empty<KeyValuePair<PathElement, FieldSet>>();

    public void Insert(ReadOnlySpan<PathElement> path)
    {
        var node = this;
        foreach (var element in path)
        {
            node = node.Child(element);
        }

        node.IsMember = true;
    }

    public bool Contains(ReadOnlySpan<PathElement> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (node._children is null || !node._children.TryGetValue(element, out node))
            {
                return false;
            }
        }

        return node.IsMember;
    }

    /// <summary>The node at <paramref name="path"/>, or null when nothing in the set lies at or under it.</summary>
    public FieldSet? Find(ReadOnlySpan<PathElement> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (node._children is null || !node._children.TryGetValue(element, out node))
            {
                return null;
            }
        }

        return node;
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Copy();
        result.AddAll(other);
        return result;
    }

    public FieldSet Difference(FieldSet other) => Combine(this, other, static (a, b) => a && !b, keepLeftOnly: true);

    public FieldSet Intersection(FieldSet other) => Combine(this, other, static (a, b) => a && b, keepLeftOnly: false);

    /// <summary>Every member path, depth first in upstream order.</summary>
    public List<PathElement[]> Paths()
    {
        var paths = new List<PathElement[]>();
        Collect(this, [], paths);
        return paths;
    }

    public FieldSet Copy()
    {
        var copy = new FieldSet { IsMember = IsMember };
        foreach (var (element, child) in Children)
        {
            (copy._children ??= new())[element] = child.Copy();
        }

        return copy;
    }

    internal FieldSet Child(PathElement element)
    {
        _children ??= new();
        if (!_children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            _children[element] = child;
        }

        return child;
    }

    internal void MarkMember() => IsMember = true;

    internal void RemoveChild(PathElement element) => _children?.Remove(element);

    /// <summary>A copy holding only the subtree under <paramref name="element"/>.</summary>
    internal FieldSet OnlyChild(PathElement element)
    {
        var result = new FieldSet();
        if (_children is not null && _children.TryGetValue(element, out var child))
        {
            (result._children = new())[element] = child.Copy();
        }

        return result;
    }

    /// <summary>The FieldsV1 JSON object of this set.</summary>
    public JsonElement ToFieldsV1()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Serialization.KubeJson.WriterOptions))
        {
            WriteFieldsV1(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public void WriteFieldsV1(Utf8JsonWriter writer) => Write(writer, this, includeSelf: false);

    /// <summary>Reads FieldsV1; false (with a reason) for anything that is not the upstream encoding.</summary>
    public static bool TryParseFieldsV1(JsonElement fields, out FieldSet set, out string error)
    {
        set = new FieldSet();
        error = "";
        return Read(fields, set, ref error);
    }

    private static bool Read(JsonElement node, FieldSet set, ref string error)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            error = $"FieldsV1 nodes must be objects, found {node.ValueKind}";
            return false;
        }

        foreach (var property in node.EnumerateObject())
        {
            if (property.Name == ".")
            {
                set.IsMember = true;
                continue;
            }

            if (!PathElement.TryDecode(property.Name, out var element))
            {
                error = $"unknown FieldsV1 path element {property.Name}";
                return false;
            }

            var child = set.Child(element);
            var hasChildren = property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().Any();
            if (!hasChildren)
            {
                child.IsMember = true;
            }
            else if (!Read(property.Value, child, ref error))
            {
                return false;
            }
        }

        return true;
    }

    private static void Write(Utf8JsonWriter writer, FieldSet node, bool includeSelf)
    {
        writer.WriteStartObject();
        if (includeSelf && node.IsMember && !node.IsEmptyBelow())
        {
            writer.WriteStartObject(".");
            writer.WriteEndObject();
        }

        foreach (var (element, child) in node.Children)
        {
            writer.WritePropertyName(element.Encode());
            Write(writer, child, includeSelf: true);
        }

        writer.WriteEndObject();
    }

    private bool IsEmptyBelow() => _children is null || _children.Count == 0;

    private void AddAll(FieldSet other)
    {
        IsMember |= other.IsMember;
        foreach (var (element, child) in other.Children)
        {
            Child(element).AddAll(child);
        }
    }

    private static FieldSet Combine(FieldSet left, FieldSet? right, Func<bool, bool, bool> member, bool keepLeftOnly)
    {
        var result = new FieldSet { IsMember = member(left.IsMember, right?.IsMember ?? false) };
        foreach (var (element, child) in left.Children)
        {
            FieldSet? other = null;
            right?._children?.TryGetValue(element, out other);
            if (other is null && !keepLeftOnly)
            {
                continue;
            }

            var combined = other is null ? child.Copy() : Combine(child, other, member, keepLeftOnly);
            if (!combined.IsEmpty)
            {
                (result._children ??= new())[element] = combined;
            }
        }

        return result;
    }

    private static void Collect(FieldSet node, List<PathElement> prefix, List<PathElement[]> paths)
    {
        foreach (var (element, child) in node.Children)
        {
            prefix.Add(element);
            if (child.IsMember)
            {
                paths.Add([.. prefix]);
            }

            Collect(child, prefix, paths);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }
}
