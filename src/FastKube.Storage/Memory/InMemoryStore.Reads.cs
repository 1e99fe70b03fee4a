using FastKube.Storage.Watching;

namespace FastKube.Storage.Memory;

/// <summary>Reads, ranges and watches of the in-memory store.</summary>
public sealed partial class InMemoryStore
{
    /// <inheritdoc/>
    public ValueTask<GetResult> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default)
    {
        var status = StoreLimits.ValidateKey(key);
        lock (gate)
        {
            ThrowIfDisposed();
            if (status == StoreStatus.Ok)
            {
                status = Revisions.CheckRead(ref revision, this.revision, compactRevision);
            }

            if (status != StoreStatus.Ok)
            {
                return new(new GetResult(status, this.revision, null, compactRevision));
            }

            var kv = keys.TryGetValue(key, out var versions) ? At(versions, revision) : null;
            return new(new GetResult(kv is null ? StoreStatus.NotFound : StoreStatus.Ok, revision, kv, compactRevision));
        }
    }

    /// <inheritdoc/>
    public ValueTask<RangeResult> RangeAsync(RangeRequest request, CancellationToken cancellationToken = default)
    {
        var status = Revisions.CheckRange(request);
        lock (gate)
        {
            ThrowIfDisposed();
            var revision = request.Revision;
            if (status == StoreStatus.Ok)
            {
                status = Revisions.CheckRead(ref revision, this.revision, compactRevision);
            }

            if (status != StoreStatus.Ok)
            {
                return new(RangeResult.Failed(status, this.revision, compactRevision));
            }

            var items = new List<KeyValue>();
            var more = false;
            long count = 0;
            foreach (var key in KeysIn(request))
            {
                if (At(keys[key], revision) is not { } kv)
                {
                    continue;
                }

                count++;
                if (request.Limit == 0 || items.Count < request.Limit)
                {
                    items.Add(kv);
                }
                else
                {
                    more = true;
                }
            }

            return new(new RangeResult(StoreStatus.Ok, revision, items, more, count, compactRevision));
        }
    }

    /// <inheritdoc/>
    public ValueTask<WatchResult> WatchAsync(KeyRange range, long fromRevision, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            if (fromRevision < 0 || range.Start is null)
            {
                return new(new WatchResult(StoreStatus.InvalidArgument, null, compactRevision));
            }

            if (fromRevision == 0)
            {
                fromRevision = revision + 1;
            }

            if (fromRevision < compactRevision)
            {
                return new(new WatchResult(StoreStatus.Compacted, null, compactRevision));
            }

            return new(new WatchResult(StoreStatus.Ok, hub.Start(range, fromRevision), compactRevision));
        }
    }

    /// <summary>Keys of the sorted index inside the request's bounds, deleted ones included.</summary>
    private IEnumerable<string> KeysIn(RangeRequest request)
    {
        if (sorted.Count == 0)
        {
            yield break;
        }

        var (lower, exclusive) = Revisions.LowerBound(request);
        var end = request.Range.End;
        var upper = end ?? sorted.Max!;
        if (string.CompareOrdinal(lower, upper) > 0)
        {
            yield break;
        }

        foreach (var key in sorted.GetViewBetween(lower, upper))
        {
            if ((exclusive && key == lower) || (end is not null && key == end))
            {
                continue;
            }

            yield return key;
        }
    }

    private ValueTask<HistoryPage> ReadHistory(KeyRange range, long from, long to, int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (from < compactRevision)
            {
                return new(new HistoryPage(StoreStatus.Compacted, [], from, compactRevision));
            }

            var events = new List<WatchEvent>();
            var next = Math.Max(from, logStart);
            for (; next <= to && events.Count < max; next++)
            {
                var e = log[(int)(next - logStart)];
                if (range.Contains(e.Kv.Key))
                {
                    events.Add(e);
                }
            }

            return new(new HistoryPage(StoreStatus.Ok, events, next, compactRevision));
        }
    }
}
