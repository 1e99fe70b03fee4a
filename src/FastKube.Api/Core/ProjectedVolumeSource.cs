using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Several sources merged into one directory (the service account token volume uses this).
/// </summary>
public sealed class ProjectedVolumeSource
{
    [WireKey(1)]
    public List<VolumeProjection>? Sources { get; set; }

    [WireKey(2)]
    public int? DefaultMode { get; set; }
}
