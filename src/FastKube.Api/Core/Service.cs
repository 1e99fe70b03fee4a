using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A stable virtual IP and name in front of a set of pods (core/v1 Service).
/// </summary>
public sealed class Service : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Service";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public ServiceSpec? Spec { get; set; }

    [WireKey(5)]
    public ServiceStatus? Status { get; set; }
}
