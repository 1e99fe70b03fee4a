using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Extra resolver settings merged into the pod's resolv.conf.
/// </summary>
public sealed class PodDNSConfig
{
    [WireKey(1)]
    public List<string>? Nameservers { get; set; }

    [WireKey(2)]
    public List<string>? Searches { get; set; }

    [WireKey(3)]
    public List<PodDNSConfigOption>? Options { get; set; }
}
