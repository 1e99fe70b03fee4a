using FastKube.Api.Serialization;

namespace FastKube.Api.Discovery;

/// <summary>
/// Topology hints for topology-aware routing.
/// </summary>
public sealed class EndpointHints
{
    [WireKey(1)]
    public List<ForZone>? ForZones { get; set; }

    [WireKey(2)]
    public List<ForNode>? ForNodes { get; set; }
}
