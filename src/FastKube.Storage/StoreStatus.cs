namespace FastKube.Storage;

/// <summary>Outcome of a store operation. Hot paths return it instead of throwing.</summary>
public enum StoreStatus
{
    /// <summary>The operation succeeded.</summary>
    Ok = 0,

    /// <summary>Create found a live key (etcd: a failed <c>create_revision == 0</c> compare).</summary>
    AlreadyExists,

    /// <summary>The key does not exist (or is deleted) at the revision read or written.</summary>
    NotFound,

    /// <summary>The expected mod revision did not match; the result carries the current key-value.</summary>
    Conflict,

    /// <summary>The requested revision is older than the compaction revision (the API server answers 410 Gone).</summary>
    Compacted,

    /// <summary>The requested revision is newer than the store's current revision (etcd: <c>ErrFutureRev</c>).</summary>
    FutureRevision,

    /// <summary>The key is empty, too long or holds a character keys may not contain (see <see cref="StoreLimits"/>).</summary>
    InvalidKey,

    /// <summary>The value is larger than <see cref="StoreLimits.MaxValueBytes"/>.</summary>
    ValueTooLarge,

    /// <summary>A revision, limit or range argument is out of its domain (for example negative).</summary>
    InvalidArgument,
}
