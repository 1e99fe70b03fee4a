using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Policy;

/// <summary>
/// The desired budget: minAvailable or maxUnavailable, a count or a percentage.
/// </summary>
public sealed class PodDisruptionBudgetSpec
{
    [WireKey(1)]
    public IntOrString? MinAvailable { get; set; }

    [WireKey(2)]
    public LabelSelector? Selector { get; set; }

    [WireKey(3)]
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>IfHealthyBudget or AlwaysAllow.</summary>
    [WireKey(4)]
    public string? UnhealthyPodEvictionPolicy { get; set; }
}
