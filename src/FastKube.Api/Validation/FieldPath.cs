using System.Globalization;

namespace FastKube.Api.Validation;

/// <summary>
/// A path to a field inside an API object, rendered like upstream's field.Path:
/// <c>spec.containers[0].name</c>, <c>metadata.labels[app]</c>. Nodes are immutable and share
/// their parents, so building a child costs one small allocation and nothing is rendered until an
/// error actually needs the string.
/// </summary>
public sealed class FieldPath
{
    private readonly FieldPath? _parent;
    private readonly string? _name;
    private readonly string? _key;
    private readonly int _index;

    private FieldPath(FieldPath? parent, string? name, string? key, int index)
    {
        _parent = parent;
        _name = name;
        _key = key;
        _index = index;
    }

    public static FieldPath Root(string name) => new(null, name, null, -1);

    public FieldPath Child(string name) => new(this, name, null, -1);

    public FieldPath Child(string name, string next) => Child(name).Child(next);

    public FieldPath Index(int index) => new(this, null, null, index);

    public FieldPath Key(string key) => new(this, null, key, -1);

    public override string ToString()
    {
        var length = 0;
        for (var p = this; p is not null; p = p._parent)
        {
            length += p.SegmentLength();
            if (p._name is not null && p._parent is not null)
            {
                length++;
            }
        }

        return string.Create(length, this, static (span, leaf) =>
        {
            var end = span.Length;
            for (var p = leaf; p is not null; p = p._parent)
            {
                var segment = span[..end];
                if (p._name is not null)
                {
                    end -= p._name.Length;
                    p._name.AsSpan().CopyTo(segment[end..]);
                    if (p._parent is not null)
                    {
                        span[--end] = '.';
                    }
                }
                else
                {
                    span[--end] = ']';
                    var inner = p._key ?? p._index.ToString(CultureInfo.InvariantCulture);
                    end -= inner.Length;
                    inner.AsSpan().CopyTo(span[end..]);
                    span[--end] = '[';
                }
            }
        });
    }

    private int SegmentLength()
    {
        if (_name is not null)
        {
            return _name.Length;
        }

        return 2 + (_key?.Length ?? DigitCount(_index));
    }

    private static int DigitCount(int value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
