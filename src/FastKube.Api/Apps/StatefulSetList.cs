using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// A list of <see cref="StatefulSet"/> objects (apps/v1 StatefulSetList).
/// </summary>
public sealed class StatefulSetList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "StatefulSetList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "apps/v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<StatefulSet>? Items { get; set; }
}
