using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The storage asked for.
/// </summary>
public sealed class PersistentVolumeClaimSpec
{
    [WireKey(1)]
    public List<string>? AccessModes { get; set; }

    [WireKey(2)]
    public LabelSelector? Selector { get; set; }

    [WireKey(3)]
    public VolumeResourceRequirements? Resources { get; set; }

    [WireKey(4)]
    public string? VolumeName { get; set; }

    [WireKey(5)]
    public string? StorageClassName { get; set; }

    [WireKey(6)]
    public string? VolumeMode { get; set; }

    [WireKey(7)]
    public TypedLocalObjectReference? DataSource { get; set; }
}
