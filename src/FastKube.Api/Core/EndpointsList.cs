using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="Endpoints"/> objects (v1 EndpointsList).
/// </summary>
public sealed class EndpointsList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "EndpointsList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Endpoints>? Items { get; set; }
}
