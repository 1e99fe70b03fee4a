using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The state of a container; exactly one is set.
/// </summary>
public sealed class ContainerState
{
    [WireKey(1)]
    public ContainerStateWaiting? Waiting { get; set; }

    [WireKey(2)]
    public ContainerStateRunning? Running { get; set; }

    [WireKey(3)]
    public ContainerStateTerminated? Terminated { get; set; }
}
