using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastKube.Api.Apply;

/// <summary>What a <see cref="PathElement"/> selects.</summary>
public enum PathElementKind
{
    /// <summary>A struct field or map key: <c>f:name</c>.</summary>
    Field,

    /// <summary>An associative-list item by its key fields: <c>k:{"name":"web"}</c>.</summary>
    Key,

    /// <summary>A set-list item by its value: <c>v:"finalizer"</c>.</summary>
    Value,

    /// <summary>A list item by position: <c>i:0</c>.</summary>
    Index,
}

/// <summary>
/// One step of a field path, as structured-merge-diff's PathElement. <see cref="Text"/> is the canonical
/// JSON of a key (fields sorted by name) or value, so equal elements have equal text.
/// </summary>
public readonly struct PathElement : IEquatable<PathElement>, IComparable<PathElement>
{
    private PathElement(PathElementKind kind, string text, JsonNode? node, int index)
    {
        Kind = kind;
        Text = text;
        Node = node;
        Index = index;
    }

    public PathElementKind Kind { get; }

    /// <summary>The field name, or the canonical JSON of a key or value; empty for an index.</summary>
    public string Text { get; }

    /// <summary>The key object (fields sorted by name) or the value; null for fields and indexes.</summary>
    public JsonNode? Node { get; }

    public int Index { get; }

    public static PathElement Field(string name) => new(PathElementKind.Field, name, null, 0);

    public static PathElement At(int index) => new(PathElementKind.Index, "", null, index);

    /// <summary>An item of an associative list keyed by <paramref name="fields"/> (any order; sorted here).</summary>
    public static PathElement Key(IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        var key = new JsonObject();
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            key[name] = value?.DeepClone();
        }

        return new(PathElementKind.Key, key.ToJsonString(), key, 0);
    }

    public static PathElement Value(JsonNode? value)
    {
        var copy = value?.DeepClone();
        return new(PathElementKind.Value, copy?.ToJsonString() ?? "null", copy, 0);
    }

    /// <summary>The FieldsV1 member name: <c>f:name</c>, <c>k:{...}</c>, <c>v:...</c>, <c>i:0</c>.</summary>
    public string Encode() => Kind switch
    {
        PathElementKind.Field => "f:" + Text,
        PathElementKind.Key => "k:" + Text,
        PathElementKind.Value => "v:" + Text,
        _ => "i:" + Index.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a FieldsV1 member name; false for anything else (including the "." self marker).</summary>
    public static bool TryDecode(string encoded, out PathElement element)
    {
        element = default;
        if (encoded.Length < 2 || encoded[1] != ':')
        {
            return false;
        }

        var body = encoded[2..];
        try
        {
            switch (encoded[0])
            {
                case 'f':
                    element = Field(body);
                    return true;
                case 'k' when JsonNode.Parse(body) is JsonObject key:
                    element = Key(key.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList());
                    return true;
                case 'v':
                    element = Value(JsonNode.Parse(body));
                    return true;
                case 'i' when int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                    element = At(index);
                    return true;
                default:
                    return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The path-string form upstream prints in conflicts: <c>.name</c>, <c>[name="web"]</c>, <c>[="v"]</c>, <c>[0]</c>.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case PathElementKind.Field:
                return "." + Text;
            case PathElementKind.Key:
                var text = new StringBuilder("[");
                var first = true;
                foreach (var (name, value) in (JsonObject)Node!)
                {
                    text.Append(first ? "" : ",").Append(name).Append('=').Append(value?.ToJsonString() ?? "null");
                    first = false;
                }

                return text.Append(']').ToString();
            case PathElementKind.Value:
                return "[=" + Text + "]";
            default:
                return "[" + Index.ToString(CultureInfo.InvariantCulture) + "]";
        }
    }

    public bool Equals(PathElement other) => Kind == other.Kind && Index == other.Index && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PathElement other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Index, StringComparer.Ordinal.GetHashCode(Text));

    /// <summary>structured-merge-diff's order: fields, then keys, values, indexes; which FieldsV1 JSON follows.</summary>
    public int CompareTo(PathElement other)
    {
        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        return Kind switch
        {
            PathElementKind.Field => string.CompareOrdinal(Text, other.Text),
            PathElementKind.Key => CompareKeys((JsonObject)Node!, (JsonObject)other.Node!),
            PathElementKind.Value => JsonValues.Compare(Node, other.Node),
            _ => Index.CompareTo(other.Index),
        };
    }

    public static bool operator ==(PathElement left, PathElement right) => left.Equals(right);

    public static bool operator !=(PathElement left, PathElement right) => !left.Equals(right);

    public static bool operator <(PathElement left, PathElement right) => left.CompareTo(right) < 0;

    public static bool operator >(PathElement left, PathElement right) => left.CompareTo(right) > 0;

    public static bool operator <=(PathElement left, PathElement right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PathElement left, PathElement right) => left.CompareTo(right) >= 0;

    // A shorter key sorts first; equal lengths compare field by field (name, then value).
    private static int CompareKeys(JsonObject left, JsonObject right)
    {
        if (left.Count != right.Count)
        {
            return left.Count.CompareTo(right.Count);
        }

        using var l = left.GetEnumerator();
        using var r = right.GetEnumerator();
        while (l.MoveNext() && r.MoveNext())
        {
            var byName = string.CompareOrdinal(l.Current.Key, r.Current.Key);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = JsonValues.Compare(l.Current.Value, r.Current.Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return 0;
    }
}
