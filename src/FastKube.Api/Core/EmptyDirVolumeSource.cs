using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A scratch directory that lives as long as the pod; medium Memory makes it tmpfs.
/// </summary>
public sealed class EmptyDirVolumeSource
{
    [WireKey(1)]
    public string? Medium { get; set; }

    [WireKey(2)]
    public Quantity? SizeLimit { get; set; }
}
