using FastKube.Storage;

namespace FastKube.ApiServer.Caching;

/// <summary>
/// One change as the cache keeps it in its ring: <see cref="Current"/> is the object to report (for a
/// deletion the last version, carrying the deletion's revision), <see cref="Previous"/> the version
/// before the change, which a selector needs to tell "entered" (ADDED) from "left" (DELETED).
/// </summary>
internal readonly record struct CacheEvent(WatchEventType Type, long Revision, CachedObject Current, CachedObject? Previous);

/// <summary>What one watcher receives: the event type it sees (after its selector) and the shared object.</summary>
internal readonly record struct CacheDelivery(string Type, CachedObject Object);
