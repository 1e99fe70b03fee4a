using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="Node"/> objects (v1 NodeList).
/// </summary>
public sealed class NodeList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "NodeList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Node>? Items { get; set; }
}
