using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="PersistentVolumeClaim"/> objects (v1 PersistentVolumeClaimList).
/// </summary>
public sealed class PersistentVolumeClaimList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "PersistentVolumeClaimList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<PersistentVolumeClaim>? Items { get; set; }
}
