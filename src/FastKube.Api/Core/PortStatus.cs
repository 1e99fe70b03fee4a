using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The state of one load balancer port.
/// </summary>
public sealed class PortStatus
{
    [WireKey(1)]
    public int? Port { get; set; }

    [WireKey(2)]
    public string? Protocol { get; set; }

    [WireKey(3)]
    public string? Error { get; set; }
}
