using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One IP of the pod's node.
/// </summary>
public sealed class HostIP
{
    [WireKey(1)]
    public string? IP { get; set; }
}
