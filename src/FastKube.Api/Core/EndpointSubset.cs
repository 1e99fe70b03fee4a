using FastKube.Api.Discovery;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Addresses that share the same ports.
/// </summary>
public sealed class EndpointSubset
{
    [WireKey(1)]
    public List<EndpointAddress>? Addresses { get; set; }

    [WireKey(2)]
    public List<EndpointAddress>? NotReadyAddresses { get; set; }

    [WireKey(3)]
    public List<EndpointPort>? Ports { get; set; }
}
