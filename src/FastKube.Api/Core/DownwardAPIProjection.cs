using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Downward API files inside a projected volume.
/// </summary>
public sealed class DownwardAPIProjection
{
    [WireKey(1)]
    public List<DownwardAPIVolumeFile>? Items { get; set; }
}
