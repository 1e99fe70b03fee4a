using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One address of a node: Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.
/// </summary>
public sealed class NodeAddress
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public string? Address { get; set; }
}
