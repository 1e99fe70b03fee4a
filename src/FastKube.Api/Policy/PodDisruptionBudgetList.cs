using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Policy;

/// <summary>
/// A list of <see cref="PodDisruptionBudget"/> objects (policy/v1 PodDisruptionBudgetList).
/// </summary>
public sealed class PodDisruptionBudgetList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "PodDisruptionBudgetList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "policy/v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<PodDisruptionBudget>? Items { get; set; }
}
