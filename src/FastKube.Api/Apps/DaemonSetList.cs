using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// A list of <see cref="DaemonSet"/> objects (apps/v1 DaemonSetList).
/// </summary>
public sealed class DaemonSetList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "DaemonSetList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "apps/v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<DaemonSet>? Items { get; set; }
}
