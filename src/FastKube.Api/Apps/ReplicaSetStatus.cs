using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The observed state of a replica set.
/// </summary>
public sealed class ReplicaSetStatus
{
    [WireKey(1)]
    public int? Replicas { get; set; }

    [WireKey(2)]
    public int? FullyLabeledReplicas { get; set; }

    [WireKey(3)]
    public int? ReadyReplicas { get; set; }

    [WireKey(4)]
    public int? AvailableReplicas { get; set; }

    [WireKey(5)]
    public int? TerminatingReplicas { get; set; }

    [WireKey(6)]
    public long? ObservedGeneration { get; set; }

    [WireKey(7)]
    public List<ReplicaSetCondition>? Conditions { get; set; }
}
