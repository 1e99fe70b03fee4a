using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The keys of a Secret as files.
/// </summary>
public sealed class SecretVolumeSource
{
    [WireKey(1)]
    public string? SecretName { get; set; }

    [WireKey(2)]
    public List<KeyToPath>? Items { get; set; }

    [WireKey(3)]
    public int? DefaultMode { get; set; }

    [WireKey(4)]
    public bool? Optional { get; set; }
}
