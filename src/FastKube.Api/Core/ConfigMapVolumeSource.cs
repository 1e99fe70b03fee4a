using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The keys of a ConfigMap as files.
/// </summary>
public sealed class ConfigMapVolumeSource
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public List<KeyToPath>? Items { get; set; }

    [WireKey(3)]
    public int? DefaultMode { get; set; }

    [WireKey(4)]
    public bool? Optional { get; set; }
}
