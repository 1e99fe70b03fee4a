using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// An inline volume of a CSI driver.
/// </summary>
public sealed class CSIVolumeSource
{
    [WireKey(1)]
    public string? Driver { get; set; }

    [WireKey(2)]
    public bool? ReadOnly { get; set; }

    [WireKey(3)]
    public string? FsType { get; set; }

    [WireKey(4)]
    public Dictionary<string, string>? VolumeAttributes { get; set; }

    [WireKey(5)]
    public LocalObjectReference? NodePublishSecretRef { get; set; }
}
