using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One set-based selector term: key, operator (In, NotIn, Exists, DoesNotExist) and values.
/// </summary>
public sealed class LabelSelectorRequirement
{
    [WireKey(1)]
    public string? Key { get; set; }

    [WireKey(2)]
    public string? Operator { get; set; }

    [WireKey(3)]
    public List<string>? Values { get; set; }
}
