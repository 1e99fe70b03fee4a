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
    // Sorted by PathElement order; a list with binary search, as nodes hold a handful of children and a
    // SortedDictionary per node costs several times more to build (measured by ManagedFieldsBenchmarks).
    private List<KeyValuePair<PathElement, FieldSet>>? _children;

    /// <summary>Whether the path leading to this node is itself in the set.</summary>
    public bool IsMember { get; private set; }

    public bool IsEmpty => !IsMember && (_children is null || _children.Count == 0);

    /// <summary>The child nodes in upstream order.</summary>
    public IReadOnlyList<KeyValuePair<PathElement, FieldSet>> Children => (IReadOnlyList<KeyValuePair<PathElement, FieldSet>>?)_children ?? [];

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
            node = node.Get(element);
            if (node is null)
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
            node = node.Get(element);
            if (node is null)
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
        if (_children is not null)
        {
            copy._children = new(_children.Count);
            foreach (var (element, child) in _children)
            {
                copy._children.Add(KeyValuePair.Create(element, child.Copy()));
            }
        }

        return copy;
    }

    internal FieldSet Child(PathElement element)
    {
        _children ??= new(4);
        var index = Search(element);
        if (index >= 0)
        {
            return _children[index].Value;
        }

        var child = new FieldSet();
        _children.Insert(~index, KeyValuePair.Create(element, child));
        return child;
    }

    private FieldSet? Get(PathElement element)
    {
        var index = _children is null ? -1 : Search(element);
        return index >= 0 ? _children![index].Value : null;
    }

    private int Search(PathElement element)
    {
        var (low, high) = (0, _children!.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = _children[middle].Key.CompareTo(element);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    internal void MarkMember() => IsMember = true;

    internal void RemoveChild(PathElement element)
    {
        var index = _children is null ? -1 : Search(element);
        if (index >= 0)
        {
            _children!.RemoveAt(index);
        }
    }

    /// <summary>A copy holding only the subtree under <paramref name="element"/>.</summary>
    internal FieldSet OnlyChild(PathElement element)
    {
        var result = new FieldSet();
        if (Get(element) is { } child)
        {
            result._children = [KeyValuePair.Create(element, child.Copy())];
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

    /// <summary>Adds every member of <paramref name="other"/> to this set (an in-place union, for sets the caller owns).</summary>
    internal void AddAll(FieldSet other)
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
            var other = right?.Get(element);
            if (other is null && !keepLeftOnly)
            {
                continue;
            }

            var combined = other is null ? child.Copy() : Combine(child, other, member, keepLeftOnly);
            if (!combined.IsEmpty)
            {
                (result._children ??= new()).Add(KeyValuePair.Create(element, combined)); // left's order is already sorted
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
