using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One IP of the pod (one per IP family).
/// </summary>
public sealed class PodIP
{
    [WireKey(1)]
    public string? IP { get; set; }
}
