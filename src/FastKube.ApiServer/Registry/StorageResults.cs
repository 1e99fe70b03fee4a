using FastKube.Api.Fields;
using FastKube.Api.Labels;
using FastKube.Api.Meta;

namespace FastKube.ApiServer.Registry;

/// <summary>An object, or the Status error that stopped the operation.</summary>
internal readonly record struct ObjectResult(KubeObject? Object, Status? Error)
{
    public static implicit operator ObjectResult(Status error) => new(null, error);
}

/// <summary>
/// A page of a list: the items, the revision it was read at, the continue token (null on the last page),
/// or an error. Served from the watch cache, <see cref="Cached"/> holds the same items with their shared
/// encodings, which the response copies instead of serializing again.
/// </summary>
internal readonly record struct ListResult(IReadOnlyList<KubeObject> Items, long Revision, string? Continue, Status? Error, IReadOnlyList<Caching.CachedObject>? Cached = null)
{
    public static implicit operator ListResult(Status error) => new([], 0, null, error);
}

/// <summary>The list parameters of upstream's ListOptions this registry honours.</summary>
internal sealed record ListOptions(Selector Labels, FieldSelector Fields, int Limit = 0, string? Continue = null, string? ResourceVersion = null, string? ResourceVersionMatch = null)
{
    public static ListOptions Everything { get; } = new(Selector.Everything, FieldSelector.Everything);
}
