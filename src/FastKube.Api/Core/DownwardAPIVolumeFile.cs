using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One downward API file.
/// </summary>
public sealed class DownwardAPIVolumeFile
{
    [WireKey(1)]
    public string? Path { get; set; }

    [WireKey(2)]
    public ObjectFieldSelector? FieldRef { get; set; }

    [WireKey(3)]
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    [WireKey(4)]
    public int? Mode { get; set; }
}
