using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Policy;

/// <summary>
/// The observed state of a budget.
/// </summary>
public sealed class PodDisruptionBudgetStatus
{
    [WireKey(1)]
    public long? ObservedGeneration { get; set; }

    [WireKey(2)]
    public Dictionary<string, DateTimeOffset>? DisruptedPods { get; set; }

    [WireKey(3)]
    public int? DisruptionsAllowed { get; set; }

    [WireKey(4)]
    public int? CurrentHealthy { get; set; }

    [WireKey(5)]
    public int? DesiredHealthy { get; set; }

    [WireKey(6)]
    public int? ExpectedPods { get; set; }

    [WireKey(7)]
    public List<Condition>? Conditions { get; set; }
}
