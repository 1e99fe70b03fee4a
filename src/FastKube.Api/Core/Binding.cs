using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The body of a POST to pods/{name}/binding: binds the pod to the target node (core/v1 Binding).
/// </summary>
public sealed class Binding : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Binding";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public ObjectReference? Target { get; set; }
}
