namespace FastKube.Storage;

/// <summary>Result of <see cref="IStore.GetAsync"/>.</summary>
/// <param name="Status">Ok, NotFound, Compacted, FutureRevision, InvalidKey or InvalidArgument.</param>
/// <param name="Revision">The store revision the read was served at (the requested one, or the current one for 0).</param>
/// <param name="Kv">The key-value when Ok.</param>
/// <param name="CompactRevision">The store's compaction revision; the oldest readable revision when Compacted.</param>
public readonly record struct GetResult(StoreStatus Status, long Revision, KeyValue? Kv, long CompactRevision);
