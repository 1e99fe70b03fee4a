using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One version of a group: "apps/v1" and "v1".
/// </summary>
public sealed class GroupVersionForDiscovery
{
    [WireKey(1)]
    public string? GroupVersion { get; set; }

    [WireKey(2)]
    public string? Version { get; set; }
}
