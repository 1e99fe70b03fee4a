namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>A set key: one value, or the fields of a concatenation. Compared by value.</summary>
public sealed class NfKey : IEquatable<NfKey>
{
    private readonly NfValue[] _values;

    public NfKey(params NfValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("a key needs at least one value", nameof(values));
        }

        _values = values;
    }

    public IReadOnlyList<NfValue> Values => _values;

    /// <summary>The kernel image of the key: each field padded to 4 bytes.</summary>
    public int Length => _values.Sum(v => NfDataTypes.PaddedWidth(v.Width));

    public void WriteTo(Span<byte> destination)
    {
        destination[..Length].Clear();
        int offset = 0;
        foreach (var value in _values)
        {
            value.WriteTo(destination[offset..]);
            offset += NfDataTypes.PaddedWidth(value.Width);
        }
    }

    public bool Equals(NfKey? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => obj is NfKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>As nft prints it: <c>10.96.0.1 . tcp . 80</c>.</summary>
    public override string ToString() => string.Join(" . ", _values.Select(v => v.ToString()));
}
