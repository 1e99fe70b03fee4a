using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Scheduling;

/// <summary>
/// A list of <see cref="PriorityClass"/> objects (scheduling.k8s.io/v1 PriorityClassList).
/// </summary>
public sealed class PriorityClassList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "PriorityClassList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "scheduling.k8s.io/v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<PriorityClass>? Items { get; set; }
}
