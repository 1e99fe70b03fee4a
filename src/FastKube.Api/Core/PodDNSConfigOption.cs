using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One resolv.conf option, e.g. ndots:2.
/// </summary>
public sealed class PodDNSConfigOption
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Value { get; set; }
}
