namespace FastKube.Storage;

/// <summary>
/// A half-open key interval <c>[Start, End)</c> in ordinal order; <see cref="End"/> <c>null</c> means
/// "to the end of the key space" (etcd: <c>range_end = "\0"</c>).
/// </summary>
public readonly record struct KeyRange(string Start, string? End)
{
    /// <summary>Every key starting with <paramref name="prefix"/> (etcd's <c>WithPrefix</c>).</summary>
    public static KeyRange Prefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return new KeyRange(prefix, PrefixEnd(prefix));
    }

    /// <summary>Exactly one key.</summary>
    public static KeyRange Single(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        // Keys hold no NUL (StoreLimits), so key + U+0001 is the smallest bound above key alone.
        return new KeyRange(key, key + "\u0001");
    }

    /// <summary>Whether <paramref name="key"/> lies in the range.</summary>
    public bool Contains(string key) =>
        string.CompareOrdinal(key, Start) >= 0 && (End is null || string.CompareOrdinal(key, End) < 0);

    /// <summary>
    /// The smallest string above every string that starts with <paramref name="prefix"/>, or
    /// <c>null</c> when there is none (the prefix is empty or all U+FFFF), as etcd's <c>GetPrefixRangeEnd</c>.
    /// </summary>
    public static string? PrefixEnd(string prefix)
    {
        var end = prefix.AsSpan().TrimEnd('\uffff');
        if (end.IsEmpty)
        {
            return null;
        }

        var last = (char)(end[^1] + 1);

        // Keys hold no surrogates, so a bound inside the surrogate block moves to the first
        // character after it; this keeps the bound encodable as UTF-8 for the SQLite backend.
        if (char.IsSurrogate(last))
        {
            last = '\ue000';
        }

        return string.Concat(end[..^1], new ReadOnlySpan<char>(in last));
    }
}
