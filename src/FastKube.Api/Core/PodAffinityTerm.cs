using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Pods selected by labelSelector in namespaces, within one topology domain (topologyKey).
/// </summary>
public sealed class PodAffinityTerm
{
    [WireKey(1)]
    public LabelSelector? LabelSelector { get; set; }

    [WireKey(2)]
    public List<string>? Namespaces { get; set; }

    [WireKey(3)]
    public string? TopologyKey { get; set; }

    [WireKey(4)]
    public LabelSelector? NamespaceSelector { get; set; }

    [WireKey(5)]
    public List<string>? MatchLabelKeys { get; set; }

    [WireKey(6)]
    public List<string>? MismatchLabelKeys { get; set; }
}
