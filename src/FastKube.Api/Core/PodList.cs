using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="Pod"/> objects (v1 PodList).
/// </summary>
public sealed class PodList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "PodList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Pod>? Items { get; set; }
}
