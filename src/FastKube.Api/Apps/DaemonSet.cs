using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// One pod per eligible node (apps/v1 DaemonSet).
/// </summary>
public sealed class DaemonSet : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "DaemonSet";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "apps/v1";

    [WireKey(4)]
    public DaemonSetSpec? Spec { get; set; }

    [WireKey(5)]
    public DaemonSetStatus? Status { get; set; }
}
