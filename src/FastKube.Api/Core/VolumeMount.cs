using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Where a volume appears inside a container.
/// </summary>
public sealed class VolumeMount
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public bool? ReadOnly { get; set; }

    [WireKey(3)]
    public string? MountPath { get; set; }

    [WireKey(4)]
    public string? SubPath { get; set; }

    [WireKey(5)]
    public string? MountPropagation { get; set; }

    [WireKey(6)]
    public string? SubPathExpr { get; set; }
}
