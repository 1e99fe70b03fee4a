namespace FastKube.ApiServer.Caching;

/// <summary>How a watcher's events travel, which decides the shared bytes the cache prepares for it.</summary>
internal enum WatchEncoding
{
    /// <summary>Kubernetes JSON, one <c>{"type":…,"object":…}</c> line per event.</summary>
    Json,

    /// <summary>FastKube MessagePack frames (docs/watch-protocol.md).</summary>
    MsgPack,

    /// <summary>as=Table: rendered per watcher (the columns depend on the request), nothing prepared.</summary>
    Table,
}
