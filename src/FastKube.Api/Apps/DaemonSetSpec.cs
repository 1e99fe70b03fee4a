using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The desired state of a daemon set.
/// </summary>
public sealed class DaemonSetSpec
{
    [WireKey(1)]
    public LabelSelector? Selector { get; set; }

    [WireKey(2)]
    public PodTemplateSpec? Template { get; set; }

    [WireKey(3)]
    public DaemonSetUpdateStrategy? UpdateStrategy { get; set; }

    [WireKey(4)]
    public int? MinReadySeconds { get; set; }

    [WireKey(5)]
    public int? RevisionHistoryLimit { get; set; }
}
