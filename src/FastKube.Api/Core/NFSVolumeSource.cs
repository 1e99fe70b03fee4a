using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// An NFS export.
/// </summary>
public sealed class NFSVolumeSource
{
    [WireKey(1)]
    public string? Server { get; set; }

    [WireKey(2)]
    public string? Path { get; set; }

    [WireKey(3)]
    public bool? ReadOnly { get; set; }
}
