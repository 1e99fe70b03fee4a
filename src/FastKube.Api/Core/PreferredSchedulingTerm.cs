using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A weighted (1-100) node preference.
/// </summary>
public sealed class PreferredSchedulingTerm
{
    [WireKey(1)]
    public int? Weight { get; set; }

    [WireKey(2)]
    public NodeSelectorTerm? Preference { get; set; }
}
