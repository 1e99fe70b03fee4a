using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="Service"/> objects (v1 ServiceList).
/// </summary>
public sealed class ServiceList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "ServiceList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Service>? Items { get; set; }
}
