using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One ingress point: an IP or a hostname.
/// </summary>
public sealed class LoadBalancerIngress
{
    [WireKey(1)]
    public string? IP { get; set; }

    [WireKey(2)]
    public string? Hostname { get; set; }

    /// <summary>VIP or Proxy.</summary>
    [WireKey(3)]
    public string? IPMode { get; set; }

    [WireKey(4)]
    public List<PortStatus>? Ports { get; set; }
}
