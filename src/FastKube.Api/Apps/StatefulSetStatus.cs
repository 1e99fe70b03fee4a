using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The observed state of a stateful set.
/// </summary>
public sealed class StatefulSetStatus
{
    [WireKey(1)]
    public long? ObservedGeneration { get; set; }

    [WireKey(2)]
    public int? Replicas { get; set; }

    [WireKey(3)]
    public int? ReadyReplicas { get; set; }

    [WireKey(4)]
    public int? CurrentReplicas { get; set; }

    [WireKey(5)]
    public int? UpdatedReplicas { get; set; }

    [WireKey(6)]
    public string? CurrentRevision { get; set; }

    [WireKey(7)]
    public string? UpdateRevision { get; set; }

    [WireKey(8)]
    public int? CollisionCount { get; set; }

    [WireKey(9)]
    public List<StatefulSetCondition>? Conditions { get; set; }

    [WireKey(10)]
    public int? AvailableReplicas { get; set; }
}
