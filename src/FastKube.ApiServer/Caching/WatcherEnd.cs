namespace FastKube.ApiServer.Caching;

/// <summary>Why a cache watcher stopped receiving events.</summary>
internal enum WatcherEnd
{
    /// <summary>Still running.</summary>
    Running,

    /// <summary>The client left or the watch timed out.</summary>
    Stopped,

    /// <summary>Its queue was full when the next event came: the client could not keep up.</summary>
    TooSlow,

    /// <summary>The cache lost its store watch and started again from a new list; the client must re-list.</summary>
    CacheReset,
}
