using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Pod fields and container resources as files.
/// </summary>
public sealed class DownwardAPIVolumeSource
{
    [WireKey(1)]
    public List<DownwardAPIVolumeFile>? Items { get; set; }

    [WireKey(2)]
    public int? DefaultMode { get; set; }
}
