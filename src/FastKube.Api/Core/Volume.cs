using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A named volume of a pod; exactly one source is set. Only the common sources are modelled.
/// </summary>
public sealed class Volume
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public HostPathVolumeSource? HostPath { get; set; }

    [WireKey(3)]
    public EmptyDirVolumeSource? EmptyDir { get; set; }

    [WireKey(4)]
    public SecretVolumeSource? Secret { get; set; }

    [WireKey(5)]
    public NFSVolumeSource? Nfs { get; set; }

    [WireKey(6)]
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }

    [WireKey(7)]
    public DownwardAPIVolumeSource? DownwardAPI { get; set; }

    [WireKey(8)]
    public ConfigMapVolumeSource? ConfigMap { get; set; }

    [WireKey(9)]
    public ProjectedVolumeSource? Projected { get; set; }

    [WireKey(10)]
    public CSIVolumeSource? Csi { get; set; }
}
