using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// Declarative updates of ReplicaSets and their pods (apps/v1 Deployment).
/// </summary>
public sealed class Deployment : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Deployment";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "apps/v1";

    [WireKey(4)]
    public DeploymentSpec? Spec { get; set; }

    [WireKey(5)]
    public DeploymentStatus? Status { get; set; }
}
