using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="ConfigMap"/> objects (v1 ConfigMapList).
/// </summary>
public sealed class ConfigMapList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "ConfigMapList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<ConfigMap>? Items { get; set; }
}
