namespace FastKube.Storage;

/// <summary>Why a watch stopped delivering events; read it after <see cref="StoreWatch.Events"/> completes.</summary>
public enum WatchEnd
{
    /// <summary>The watch is still running.</summary>
    Running,

    /// <summary>The watcher disposed it.</summary>
    Cancelled,

    /// <summary>
    /// History the watch still had to replay was compacted; <see cref="StoreWatch.CompactRevision"/> says
    /// up to where (the API server answers 410 Gone, the client re-lists).
    /// </summary>
    Compacted,

    /// <summary>
    /// The watcher did not drain its buffer (<see cref="StoreWatch.Capacity"/> events) before the next live
    /// event, so the store dropped it rather than block writers. Every event before the end was delivered;
    /// the watcher may re-watch from the revision after the last one it saw.
    /// </summary>
    TooSlow,

    /// <summary>The store was disposed.</summary>
    StoreClosed,

    /// <summary>Reading history failed; <see cref="StoreWatch.Error"/> holds the exception.</summary>
    Failed,
}
