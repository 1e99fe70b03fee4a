namespace FastKube.Storage;

/// <summary>
/// Input limits every backend enforces identically, so a request rejected by one backend is
/// rejected by all of them with the same <see cref="StoreStatus"/> and nothing is written.
/// </summary>
/// <remarks>
/// Keys are .NET strings compared ordinally. Kubernetes keys are ASCII paths such as
/// <c>/registry/pods/default/web-1</c>; a key may hold any character except NUL and UTF-16
/// surrogates. Without surrogates, ordinal UTF-16 order equals UTF-8 byte order, which is the
/// order etcd and SQLite (<c>BINARY</c> collation) use, so every backend sorts keys alike.
/// </remarks>
public static class StoreLimits
{
    /// <summary>
    /// Largest value accepted: 1.5 MiB, etcd's default <c>--max-request-bytes</c>, the size the
    /// Kubernetes API server already expects objects to fit in.
    /// </summary>
    public const int MaxValueBytes = 1536 * 1024;

    /// <summary>Longest key accepted, in characters (a FastKube choice; Kubernetes keys stay far below it).</summary>
    public const int MaxKeyLength = 4096;

    /// <summary>Checks a key: non-empty, at most <see cref="MaxKeyLength"/>, no NUL, no surrogates.</summary>
    public static StoreStatus ValidateKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return StoreStatus.InvalidKey;
        }

        foreach (var c in key)
        {
            if (c == '\0' || char.IsSurrogate(c))
            {
                return StoreStatus.InvalidKey;
            }
        }

        return StoreStatus.Ok;
    }

    /// <summary>Checks a key and a value for a create or update.</summary>
    public static StoreStatus ValidatePut(string? key, ReadOnlyMemory<byte> value)
    {
        var status = ValidateKey(key);
        if (status != StoreStatus.Ok)
        {
            return status;
        }

        return value.Length > MaxValueBytes ? StoreStatus.ValueTooLarge : StoreStatus.Ok;
    }
}
