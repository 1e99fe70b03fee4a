using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// Pods with stable identities and storage (apps/v1 StatefulSet).
/// </summary>
public sealed class StatefulSet : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "StatefulSet";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "apps/v1";

    [WireKey(4)]
    public StatefulSetSpec? Spec { get; set; }

    [WireKey(5)]
    public StatefulSetStatus? Status { get; set; }
}
