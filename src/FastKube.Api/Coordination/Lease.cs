using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Coordination;

/// <summary>
/// A lease for leader election and node heartbeats (coordination.k8s.io/v1 Lease).
/// </summary>
public sealed class Lease : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Lease";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "coordination.k8s.io/v1";

    [WireKey(4)]
    public LeaseSpec? Spec { get; set; }
}
