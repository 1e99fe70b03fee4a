using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// A label query (meta/v1 LabelSelector); all terms are ANDed, an empty selector matches everything.
/// </summary>
public sealed class LabelSelector
{
    [WireKey(1)]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [WireKey(2)]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}
