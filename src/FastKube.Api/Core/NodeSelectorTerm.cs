using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Requirements on node labels and fields; all must match.
/// </summary>
public sealed class NodeSelectorTerm
{
    [WireKey(1)]
    public List<NodeSelectorRequirement>? MatchExpressions { get; set; }

    [WireKey(2)]
    public List<NodeSelectorRequirement>? MatchFields { get; set; }
}
