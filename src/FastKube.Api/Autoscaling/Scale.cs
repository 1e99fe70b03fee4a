using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Autoscaling;

/// <summary>
/// The scale subresource of a workload (autoscaling/v1 Scale).
/// </summary>
public sealed class Scale : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Scale";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "autoscaling/v1";

    [WireKey(4)]
    public ScaleSpec? Spec { get; set; }

    [WireKey(5)]
    public ScaleStatus? Status { get; set; }
}
