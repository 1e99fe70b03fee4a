namespace FastKube.Storage;

/// <summary>What a watch event reports.</summary>
public enum WatchEventType
{
    /// <summary>The key was created (its version is 1).</summary>
    Created,

    /// <summary>An existing key got a new value.</summary>
    Updated,

    /// <summary>The key was deleted.</summary>
    Deleted,
}

/// <summary>One change delivered by a watch.</summary>
/// <param name="Type">Created, Updated or Deleted.</param>
/// <param name="Revision">The revision of the write (for Deleted, the deletion's revision).</param>
/// <param name="Kv">
/// The object to report: the new key-value for Created/Updated; for Deleted the last value before the
/// deletion (what Kubernetes sends as the object of a DELETED event), so its ModRevision is older than <see cref="Revision"/>.
/// </param>
/// <param name="PrevKv">The value before the write: set for Updated and Deleted, <c>null</c> for Created.</param>
public readonly record struct WatchEvent(WatchEventType Type, long Revision, KeyValue Kv, KeyValue? PrevKv);
