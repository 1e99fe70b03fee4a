using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The desired state of a deployment.
/// </summary>
public sealed class DeploymentSpec
{
    [WireKey(1)]
    public int? Replicas { get; set; }

    [WireKey(2)]
    public LabelSelector? Selector { get; set; }

    [WireKey(3)]
    public PodTemplateSpec? Template { get; set; }

    [WireKey(4)]
    public DeploymentStrategy? Strategy { get; set; }

    [WireKey(5)]
    public int? MinReadySeconds { get; set; }

    [WireKey(6)]
    public int? RevisionHistoryLimit { get; set; }

    [WireKey(7)]
    public bool? Paused { get; set; }

    [WireKey(8)]
    public int? ProgressDeadlineSeconds { get; set; }
}
