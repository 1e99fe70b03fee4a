using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// key, operator (In, NotIn, Exists, DoesNotExist, Gt, Lt) and values.
/// </summary>
public sealed class NodeSelectorRequirement
{
    [WireKey(1)]
    public string? Key { get; set; }

    [WireKey(2)]
    public string? Operator { get; set; }

    [WireKey(3)]
    public List<string>? Values { get; set; }
}
