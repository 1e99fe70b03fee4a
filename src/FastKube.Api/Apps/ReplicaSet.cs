using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// Keeps a number of identical pods running (apps/v1 ReplicaSet).
/// </summary>
public sealed class ReplicaSet : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "ReplicaSet";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "apps/v1";

    [WireKey(4)]
    public ReplicaSetSpec? Spec { get; set; }

    [WireKey(5)]
    public ReplicaSetStatus? Status { get; set; }
}
