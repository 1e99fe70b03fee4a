using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The desired state of a stateful set.
/// </summary>
public sealed class StatefulSetSpec
{
    [WireKey(1)]
    public int? Replicas { get; set; }

    [WireKey(2)]
    public LabelSelector? Selector { get; set; }

    [WireKey(3)]
    public PodTemplateSpec? Template { get; set; }

    [WireKey(4)]
    public List<PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }

    [WireKey(5)]
    public string? ServiceName { get; set; }

    /// <summary>OrderedReady or Parallel.</summary>
    [WireKey(6)]
    public string? PodManagementPolicy { get; set; }

    [WireKey(7)]
    public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }

    [WireKey(8)]
    public int? RevisionHistoryLimit { get; set; }

    [WireKey(9)]
    public int? MinReadySeconds { get; set; }

    [WireKey(10)]
    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }

    [WireKey(11)]
    public StatefulSetOrdinals? Ordinals { get; set; }
}
