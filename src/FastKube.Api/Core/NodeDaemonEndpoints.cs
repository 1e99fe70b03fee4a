using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Ports of the daemons on the node.
/// </summary>
public sealed class NodeDaemonEndpoints
{
    [WireKey(1)]
    public DaemonEndpoint? KubeletEndpoint { get; set; }
}
