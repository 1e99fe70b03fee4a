using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The desired state of a replica set.
/// </summary>
public sealed class ReplicaSetSpec
{
    [WireKey(1)]
    public int? Replicas { get; set; }

    [WireKey(2)]
    public int? MinReadySeconds { get; set; }

    [WireKey(3)]
    public LabelSelector? Selector { get; set; }

    [WireKey(4)]
    public PodTemplateSpec? Template { get; set; }
}
