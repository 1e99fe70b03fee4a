using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The observed state of a node. volumesAttached, config, runtimeHandlers and features are not modelled.
/// </summary>
public sealed class NodeStatus
{
    [WireKey(1)]
    public Dictionary<string, Quantity>? Capacity { get; set; }

    [WireKey(2)]
    public Dictionary<string, Quantity>? Allocatable { get; set; }

    [WireKey(3)]
    public string? Phase { get; set; }

    [WireKey(4)]
    public List<NodeCondition>? Conditions { get; set; }

    [WireKey(5)]
    public List<NodeAddress>? Addresses { get; set; }

    [WireKey(6)]
    public NodeDaemonEndpoints? DaemonEndpoints { get; set; }

    [WireKey(7)]
    public NodeSystemInfo? NodeInfo { get; set; }

    [WireKey(8)]
    public List<ContainerImage>? Images { get; set; }

    [WireKey(9)]
    public List<string>? VolumesInUse { get; set; }
}
