namespace FastKube.Client;

/// <summary>The type of one watch event (the wire strings ADDED, MODIFIED, DELETED, BOOKMARK, ERROR).</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Only <c>metadata.resourceVersion</c> is meaningful: every change up to it has been sent.</summary>
    Bookmark,

    /// <summary>The server ended the watch; <see cref="WatchEvent{T}.Status"/> says why (410 Expired: list again).</summary>
    Error,
}
