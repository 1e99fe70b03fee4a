using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="ServiceAccount"/> objects (v1 ServiceAccountList).
/// </summary>
public sealed class ServiceAccountList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "ServiceAccountList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<ServiceAccount>? Items { get; set; }
}
