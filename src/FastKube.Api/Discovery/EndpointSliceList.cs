using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Discovery;

/// <summary>
/// A list of <see cref="EndpointSlice"/> objects (discovery.k8s.io/v1 EndpointSliceList).
/// </summary>
public sealed class EndpointSliceList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "EndpointSliceList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "discovery.k8s.io/v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<EndpointSlice>? Items { get; set; }
}
