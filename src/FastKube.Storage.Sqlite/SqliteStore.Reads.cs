using System.Collections.Concurrent;
using FastKube.Storage.Watching;

namespace FastKube.Storage.Sqlite;

/// <summary>
/// Reads: each runs in its own read transaction on a pooled connection (WAL readers never wait for the
/// writer). The compaction revision is checked after the snapshot is taken; the writer publishes a new
/// one before its rows go, so a snapshot that lacks compacted rows always sees the new revision.
/// </summary>
public sealed partial class SqliteStore
{
    private readonly ConcurrentBag<ReadConnection> readers = [];
    private int disposedReaders;

    /// <inheritdoc/>
    public ValueTask<GetResult> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default)
    {
        var status = StoreLimits.ValidateKey(key);
        if (status == StoreStatus.Ok && revision < 0)
        {
            status = StoreStatus.InvalidArgument;
        }

        if (status != StoreStatus.Ok)
        {
            return new(new GetResult(status, CurrentRevision, null, CompactRevision));
        }

        var connection = Rent();
        try
        {
            using var transaction = connection.Begin();
            var current = connection.CurrentRevision(transaction);
            var compact = CompactRevision;
            status = Revisions.CheckRead(ref revision, current, compact);
            if (status != StoreStatus.Ok)
            {
                return new(new GetResult(status, current, null, compact));
            }

            var kv = connection.Get(transaction, key, revision);
            return new(new GetResult(kv is null ? StoreStatus.NotFound : StoreStatus.Ok, revision, kv, compact));
        }
        finally
        {
            Return(connection);
        }
    }

    /// <inheritdoc/>
    public ValueTask<RangeResult> RangeAsync(RangeRequest request, CancellationToken cancellationToken = default)
    {
        var status = Revisions.CheckRange(request);
        if (status != StoreStatus.Ok)
        {
            return new(RangeResult.Failed(status, CurrentRevision, CompactRevision));
        }

        var connection = Rent();
        try
        {
            using var transaction = connection.Begin();
            var current = connection.CurrentRevision(transaction);
            var compact = CompactRevision;
            var revision = request.Revision;
            status = Revisions.CheckRead(ref revision, current, compact);
            if (status != StoreStatus.Ok)
            {
                return new(RangeResult.Failed(status, current, compact));
            }

            var items = connection.Range(transaction, request, revision);
            var count = request.Limit > 0 && items.Count == request.Limit
                ? connection.Count(transaction, request, revision)
                : items.Count;
            return new(new RangeResult(StoreStatus.Ok, revision, items, count > items.Count, count, compact));
        }
        finally
        {
            Return(connection);
        }
    }

    private ValueTask<HistoryPage> ReadHistory(KeyRange range, long from, long to, int max, CancellationToken cancellationToken)
    {
        var events = new List<WatchEvent>();
        if (recent.TryRead(range, from, to, max, events, out var next))
        {
            return new(new HistoryPage(StoreStatus.Ok, events, next, CompactRevision));
        }

        var connection = Rent();
        try
        {
            events = connection.History(range, from, to, max);
        }
        finally
        {
            Return(connection);
        }

        var compact = CompactRevision;
        if (from < compact)
        {
            return new(new HistoryPage(StoreStatus.Compacted, [], from, compact));
        }

        next = events.Count < max ? to + 1 : events[^1].Revision + 1;
        return new(new HistoryPage(StoreStatus.Ok, events, next, compact));
    }

    private ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposedReaders) != 0, this);
        return readers.TryTake(out var connection) ? connection : new ReadConnection(connectionString);
    }

    private void Return(ReadConnection connection)
    {
        if (Volatile.Read(ref disposedReaders) == 0 && readers.Count < options.IdleReadConnections)
        {
            readers.Add(connection);
            return;
        }

        connection.Dispose();
    }

    private void DisposeReaders()
    {
        Volatile.Write(ref disposedReaders, 1);
        while (readers.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
