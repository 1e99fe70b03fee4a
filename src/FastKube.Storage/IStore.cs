namespace FastKube.Storage;

/// <summary>
/// A key-value store with etcd v3 semantics (as kine maps them onto SQL): the API server, controllers
/// and every backend (in-memory, SQLite, etcd) meet here, and all backends pass one conformance suite.
/// </summary>
/// <remarks>
/// <para>
/// <b>Revisions.</b> One global revision, 1 for a new empty store (as a fresh etcd cluster). Every
/// successful write increments it by exactly one and stamps its key-value with it; failed writes
/// leave it unchanged. Each key-value carries <see cref="KeyValue.CreateRevision"/>,
/// <see cref="KeyValue.ModRevision"/> and <see cref="KeyValue.Version"/>.
/// </para>
/// <para>
/// <b>Keys</b> are strings in ordinal order (see <see cref="StoreLimits"/> for what they may hold);
/// values are bytes up to <see cref="StoreLimits.MaxValueBytes"/>. The store copies values it is
/// given, so callers may reuse their buffers.
/// </para>
/// <para>
/// <b>Errors.</b> Expected outcomes (exists, not found, conflict, compacted, bad input) come back as
/// <see cref="StoreStatus"/> values; only infrastructure failures (I/O, disposed store) throw.
/// Bad input is rejected before anything is written.
/// </para>
/// <para>
/// <b>Consistency.</b> A write's task completes only after the write is durable (for durable
/// backends) and visible to reads and watches; reads started afterwards observe it.
/// </para>
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the last acknowledged write (1 for a new store).</summary>
    long CurrentRevision { get; }

    /// <summary>The compaction revision: reads and watches below it answer <see cref="StoreStatus.Compacted"/> (0 if never compacted).</summary>
    long CompactRevision { get; }

    /// <summary>Creates <paramref name="key"/> if it does not exist (etcd: txn if <c>create_revision == 0</c> then put).</summary>
    /// <returns>Ok with the new key-value, or AlreadyExists with the live one, or InvalidKey/ValueTooLarge.</returns>
    ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the value of an existing key if its mod revision equals <paramref name="expectedModRevision"/>
    /// (compare-and-swap; 0 skips the comparison).
    /// </summary>
    /// <returns>
    /// Ok with the new and previous key-values; Conflict with the current key-value; NotFound;
    /// InvalidKey/ValueTooLarge/InvalidArgument (negative revision).
    /// </returns>
    ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key if its mod revision equals <paramref name="expectedModRevision"/> (0: unconditionally).</summary>
    /// <returns>Ok with the deleted key-value in <see cref="WriteResult.Previous"/>; Conflict with the current one; NotFound.</returns>
    ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default);

    /// <summary>Reads one key at <paramref name="revision"/> (0: current).</summary>
    /// <returns>Ok with the key-value; NotFound; Compacted; FutureRevision; InvalidKey/InvalidArgument.</returns>
    ValueTask<GetResult> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default);

    /// <summary>Reads live keys of a range at one revision, sorted by key, optionally paginated.</summary>
    /// <returns>
    /// Ok with the items, the revision the read was served at (pass it to the next page together with
    /// <see cref="RangeRequest.ContinueAfter"/> = last key), <see cref="RangeResult.More"/> and the count;
    /// Compacted; FutureRevision; InvalidArgument (negative limit or revision).
    /// </returns>
    ValueTask<RangeResult> RangeAsync(RangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Watches <paramref name="range"/> from <paramref name="fromRevision"/> (0: from the next write):
    /// every event with revision ≥ fromRevision in revision order, history first then live, no gap,
    /// no duplicate. A watcher that lets its buffer fill is ended with <see cref="WatchEnd.TooSlow"/>;
    /// writers never wait for watchers.
    /// </summary>
    /// <returns>Ok with the watch; Compacted when fromRevision is below the compaction revision; InvalidArgument.</returns>
    ValueTask<WatchResult> WatchAsync(KeyRange range, long fromRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops history below <paramref name="revision"/>: afterwards reads at revision ≥ it still see the
    /// same data, reads and watches below it answer Compacted (etcd's <c>Compact</c>).
    /// </summary>
    /// <returns>Ok; Compacted when not above the current compaction revision; FutureRevision when above the current revision.</returns>
    ValueTask<CompactResult> CompactAsync(long revision, CancellationToken cancellationToken = default);
}
