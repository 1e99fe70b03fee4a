using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The volume bound to a PersistentVolumeClaim.
/// </summary>
public sealed class PersistentVolumeClaimVolumeSource
{
    [WireKey(1)]
    public string? ClaimName { get; set; }

    [WireKey(2)]
    public bool? ReadOnly { get; set; }
}
