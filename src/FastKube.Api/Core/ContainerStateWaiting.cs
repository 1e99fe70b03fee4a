using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Not running yet, e.g. ContainerCreating or CrashLoopBackOff.
/// </summary>
public sealed class ContainerStateWaiting
{
    [WireKey(1)]
    public string? Reason { get; set; }

    [WireKey(2)]
    public string? Message { get; set; }
}
