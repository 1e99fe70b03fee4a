namespace FastKube.Storage;

/// <summary>Result of <see cref="IStore.CompactAsync"/>.</summary>
/// <param name="Status">Ok; Compacted when the revision is not above the current compaction revision; FutureRevision; InvalidArgument.</param>
/// <param name="CompactRevision">The compaction revision after the call.</param>
/// <param name="Revision">The store's current revision.</param>
public readonly record struct CompactResult(StoreStatus Status, long CompactRevision, long Revision);
