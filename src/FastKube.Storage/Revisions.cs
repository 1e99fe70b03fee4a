namespace FastKube.Storage;

/// <summary>Revision checks every backend applies identically (etcd's mvcc rules).</summary>
internal static class Revisions
{
    /// <summary>The revision of a new, empty store (a fresh etcd cluster reports 1).</summary>
    public const long Initial = 1;

    /// <summary>Resolves a read revision: 0 → current; below the compaction revision → Compacted; above current → FutureRevision.</summary>
    public static StoreStatus CheckRead(ref long revision, long current, long compact)
    {
        if (revision < 0)
        {
            return StoreStatus.InvalidArgument;
        }

        if (revision == 0)
        {
            revision = current;
        }

        if (revision < compact)
        {
            return StoreStatus.Compacted;
        }

        return revision > current ? StoreStatus.FutureRevision : StoreStatus.Ok;
    }

    /// <summary>Checks a compaction target: above the current compaction revision and not above the store revision.</summary>
    public static StoreStatus CheckCompact(long revision, long current, long compact)
    {
        if (revision <= 0)
        {
            return StoreStatus.InvalidArgument;
        }

        if (revision <= compact)
        {
            return StoreStatus.Compacted;
        }

        return revision > current ? StoreStatus.FutureRevision : StoreStatus.Ok;
    }

    /// <summary>Checks a range request's arguments (not its revision).</summary>
    public static StoreStatus CheckRange(in RangeRequest request)
    {
        if (request.Limit < 0 || request.Revision < 0 || request.Range.Start is null)
        {
            return StoreStatus.InvalidArgument;
        }

        return StoreStatus.Ok;
    }

    /// <summary>The effective inclusive-or-exclusive lower bound of a range request.</summary>
    public static (string Start, bool Exclusive) LowerBound(in RangeRequest request)
    {
        var start = request.Range.Start;
        if (request.ContinueAfter is { } after && string.CompareOrdinal(after, start) >= 0)
        {
            return (after, true);
        }

        return (start, false);
    }
}
