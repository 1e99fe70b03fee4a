using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The observed state of a deployment.
/// </summary>
public sealed class DeploymentStatus
{
    [WireKey(1)]
    public long? ObservedGeneration { get; set; }

    [WireKey(2)]
    public int? Replicas { get; set; }

    [WireKey(3)]
    public int? UpdatedReplicas { get; set; }

    [WireKey(4)]
    public int? ReadyReplicas { get; set; }

    [WireKey(5)]
    public int? AvailableReplicas { get; set; }

    [WireKey(6)]
    public int? UnavailableReplicas { get; set; }

    [WireKey(7)]
    public int? TerminatingReplicas { get; set; }

    [WireKey(8)]
    public List<DeploymentCondition>? Conditions { get; set; }

    [WireKey(9)]
    public int? CollisionCount { get; set; }
}
