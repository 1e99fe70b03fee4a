using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A file or directory of the node.
/// </summary>
public sealed class HostPathVolumeSource
{
    [WireKey(1)]
    public string? Path { get; set; }

    [WireKey(2)]
    public string? Type { get; set; }
}
