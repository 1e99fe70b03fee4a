using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// Metadata of a list response (meta/v1 ListMeta): the list's resourceVersion and paging token.
/// </summary>
public sealed class ListMeta
{
    [WireKey(1)]
    public string? SelfLink { get; set; }

    [WireKey(2)]
    public string? ResourceVersion { get; set; }

    [WireKey(3)]
    public string? Continue { get; set; }

    [WireKey(4)]
    public long? RemainingItemCount { get; set; }
}
