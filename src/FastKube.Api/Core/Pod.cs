using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A group of containers scheduled together onto one node (core/v1 Pod).
/// </summary>
public sealed class Pod : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Pod";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public PodSpec? Spec { get; set; }

    [WireKey(5)]
    public PodStatus? Status { get; set; }
}
