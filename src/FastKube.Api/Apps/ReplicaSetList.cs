using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// A list of <see cref="ReplicaSet"/> objects (apps/v1 ReplicaSetList).
/// </summary>
public sealed class ReplicaSetList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "ReplicaSetList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "apps/v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<ReplicaSet>? Items { get; set; }
}
