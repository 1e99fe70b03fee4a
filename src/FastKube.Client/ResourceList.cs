using FastKube.Api.Meta;

namespace FastKube.Client;

/// <summary>One list response: the items (typed) and the list's metadata (resourceVersion, continue).</summary>
public sealed class ResourceList<T>(List<T> items, ListMeta metadata)
    where T : KubeObject
{
    public List<T> Items { get; } = items;

    public ListMeta Metadata { get; } = metadata;

    /// <summary>The version the list was read at: watch from here to see every later change.</summary>
    public string? ResourceVersion => Metadata.ResourceVersion;

    /// <summary>The token for the next page; null on the last page.</summary>
    public string? Continue => string.IsNullOrEmpty(Metadata.Continue) ? null : Metadata.Continue;
}
