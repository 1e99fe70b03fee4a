namespace FastKube.Storage.Sqlite;

/// <summary>Settings of <see cref="SqliteStore"/>; every default is listed on its property.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>Path of the database file (created when missing; <c>-wal</c> and <c>-shm</c> files sit beside it).</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Most writes committed in one transaction (group commit). Default 1024: at 64 concurrent
    /// writers a batch rarely exceeds 64, the cap only bounds the latency of a burst.
    /// 1 turns group commit off (one transaction and one fsync per write), the naive baseline the bench compares against.
    /// </summary>
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>Events buffered per watcher before it is ended as too slow. Default 1024.</summary>
    public int WatchCapacity { get; init; } = 1024;

    /// <summary>
    /// Committed events kept in memory so watches starting at a recent revision replay without reading
    /// the table. Default 16384.
    /// </summary>
    public int RecentEvents { get; init; } = 16384;

    /// <summary>
    /// Most value bytes the in-memory events may hold (values reach 1.5 MiB each, so the event count
    /// alone does not bound memory). Default 64 MiB.
    /// </summary>
    public long RecentEventBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Idle read connections kept open. Default 4.</summary>
    public int IdleReadConnections { get; init; } = 4;
}
