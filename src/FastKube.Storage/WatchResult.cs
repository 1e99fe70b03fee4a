namespace FastKube.Storage;

/// <summary>Result of <see cref="IStore.WatchAsync"/>.</summary>
/// <param name="Status">Ok, Compacted, FutureRevision, InvalidKey or InvalidArgument.</param>
/// <param name="Watch">The running watch when Ok; dispose it to stop.</param>
/// <param name="CompactRevision">The store's compaction revision (the oldest revision a watch may start at).</param>
public readonly record struct WatchResult(StoreStatus Status, StoreWatch? Watch, long CompactRevision);
