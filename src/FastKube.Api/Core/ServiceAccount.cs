using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// An identity for processes in pods (core/v1 ServiceAccount).
/// </summary>
public sealed class ServiceAccount : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "ServiceAccount";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public List<ObjectReference>? Secrets { get; set; }

    [WireKey(5)]
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    [WireKey(6)]
    public bool? AutomountServiceAccountToken { get; set; }
}
