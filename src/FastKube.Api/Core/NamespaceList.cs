using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="Namespace"/> objects (v1 NamespaceList).
/// </summary>
public sealed class NamespaceList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "NamespaceList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Namespace>? Items { get; set; }
}
