using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A scope for names (core/v1 Namespace).
/// </summary>
public sealed class Namespace : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Namespace";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public NamespaceSpec? Spec { get; set; }

    [WireKey(5)]
    public NamespaceStatus? Status { get; set; }
}
