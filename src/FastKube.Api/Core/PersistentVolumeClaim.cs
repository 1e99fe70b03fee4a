using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A request for storage (core/v1 PersistentVolumeClaim), minimal: enough for StatefulSet templates.
/// </summary>
public sealed class PersistentVolumeClaim : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "PersistentVolumeClaim";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public PersistentVolumeClaimSpec? Spec { get; set; }

    [WireKey(5)]
    public PersistentVolumeClaimStatus? Status { get; set; }
}
