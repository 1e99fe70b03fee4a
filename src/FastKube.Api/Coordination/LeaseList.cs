using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Coordination;

/// <summary>
/// A list of <see cref="Lease"/> objects (coordination.k8s.io/v1 LeaseList).
/// </summary>
public sealed class LeaseList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "LeaseList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "coordination.k8s.io/v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Lease>? Items { get; set; }
}
