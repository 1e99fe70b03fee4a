using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// A replica set condition, e.g. ReplicaFailure.
/// </summary>
public sealed class ReplicaSetCondition
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public string? Status { get; set; }

    [WireKey(3)]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [WireKey(4)]
    public string? Reason { get; set; }

    [WireKey(5)]
    public string? Message { get; set; }
}
