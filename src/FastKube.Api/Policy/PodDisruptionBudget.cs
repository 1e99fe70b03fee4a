using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Policy;

/// <summary>
/// Limits voluntary disruption of a set of pods (policy/v1 PodDisruptionBudget).
/// </summary>
public sealed class PodDisruptionBudget : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "PodDisruptionBudget";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "policy/v1";

    [WireKey(4)]
    public PodDisruptionBudgetSpec? Spec { get; set; }

    [WireKey(5)]
    public PodDisruptionBudgetStatus? Status { get; set; }
}
