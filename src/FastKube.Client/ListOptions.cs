namespace FastKube.Client;

/// <summary>
/// Query options of list, watch and deletecollection (meta/v1 ListOptions). Null or zero leaves a parameter out.
/// </summary>
public sealed record ListOptions
{
    public static ListOptions Everything { get; } = new();

    /// <summary>e.g. <c>app=web,tier in (front,back)</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>spec.nodeName=node-1</c>, <c>metadata.name=x</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a <see cref="ResourceList{T}.Continue"/> token when more remain.</summary>
    public int Limit { get; init; }

    public string? Continue { get; init; }

    /// <summary>List: "" latest (consistent), "0" any; watch: the version to stream changes after.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>"Exact" or "NotOlderThan" (list only).</summary>
    public string? ResourceVersionMatch { get; init; }

    /// <summary>Watch: the server ends the watch after this long.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Watch: ask for BOOKMARK events carrying the latest resourceVersion.</summary>
    public bool AllowWatchBookmarks { get; init; }
}
