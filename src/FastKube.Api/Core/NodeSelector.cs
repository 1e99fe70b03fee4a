using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Node selector terms; a node matches if any term matches.
/// </summary>
public sealed class NodeSelector
{
    [WireKey(1)]
    public List<NodeSelectorTerm>? NodeSelectorTerms { get; set; }
}
