using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Spreads matching pods evenly across topology domains.
/// </summary>
public sealed class TopologySpreadConstraint
{
    [WireKey(1)]
    public int? MaxSkew { get; set; }

    [WireKey(2)]
    public string? TopologyKey { get; set; }

    /// <summary>DoNotSchedule or ScheduleAnyway.</summary>
    [WireKey(3)]
    public string? WhenUnsatisfiable { get; set; }

    [WireKey(4)]
    public LabelSelector? LabelSelector { get; set; }

    [WireKey(5)]
    public int? MinDomains { get; set; }

    [WireKey(6)]
    public string? NodeAffinityPolicy { get; set; }

    [WireKey(7)]
    public string? NodeTaintsPolicy { get; set; }

    [WireKey(8)]
    public List<string>? MatchLabelKeys { get; set; }
}
