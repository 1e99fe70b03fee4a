using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Extra /etc/hosts entries for one IP.
/// </summary>
public sealed class HostAlias
{
    [WireKey(1)]
    public string? IP { get; set; }

    [WireKey(2)]
    public List<string>? Hostnames { get; set; }
}
