using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A pod condition: PodScheduled, Initialized, ContainersReady, Ready, ...
/// </summary>
public sealed class PodCondition
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public long? ObservedGeneration { get; set; }

    [WireKey(3)]
    public string? Status { get; set; }

    [WireKey(4)]
    public DateTimeOffset? LastProbeTime { get; set; }

    [WireKey(5)]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [WireKey(6)]
    public string? Reason { get; set; }

    [WireKey(7)]
    public string? Message { get; set; }
}
