namespace FastKube.Storage;

/// <summary>Result of <see cref="IStore.RangeAsync"/>.</summary>
/// <param name="Status">Ok, Compacted, FutureRevision or InvalidArgument.</param>
/// <param name="Revision">The store revision the read was served at; reuse it for the next page.</param>
/// <param name="Items">Live key-values sorted by key, at most the requested limit.</param>
/// <param name="More">Whether keys beyond the last item remain in the range (etcd's <c>more</c>).</param>
/// <param name="Count">Live keys in the range after <see cref="RangeRequest.ContinueAfter"/>, ignoring the limit (etcd's <c>count</c>).</param>
/// <param name="CompactRevision">The store's compaction revision.</param>
public readonly record struct RangeResult(StoreStatus Status, long Revision, IReadOnlyList<KeyValue> Items, bool More, long Count, long CompactRevision)
{
    internal static RangeResult Failed(StoreStatus status, long revision, long compactRevision) =>
        new(status, revision, [], false, 0, compactRevision);
}
