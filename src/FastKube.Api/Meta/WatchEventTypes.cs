namespace FastKube.Api.Meta;

/// <summary>The <see cref="WatchEvent.Type"/> values of a watch stream.</summary>
public static class WatchEventTypes
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";

    /// <summary>Carries only a newer resourceVersion (metadata.resourceVersion of an otherwise empty object).</summary>
    public const string Bookmark = "BOOKMARK";

    /// <summary>The object is a <see cref="Status"/>; the watch ends after it.</summary>
    public const string Error = "ERROR";
}
