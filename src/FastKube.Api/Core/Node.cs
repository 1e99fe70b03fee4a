using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A worker machine (core/v1 Node).
/// </summary>
public sealed class Node : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Node";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public NodeSpec? Spec { get; set; }

    [WireKey(5)]
    public NodeStatus? Status { get; set; }
}
