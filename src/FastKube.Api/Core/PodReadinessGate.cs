using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// An extra pod condition that must be True for the pod to be ready.
/// </summary>
public sealed class PodReadinessGate
{
    [WireKey(1)]
    public string? ConditionType { get; set; }
}
