using FastKube.Api.Serialization;

namespace FastKube.Api.Autoscaling;

/// <summary>
/// The observed replica count and the pod label selector as a string.
/// </summary>
public sealed class ScaleStatus
{
    [WireKey(1)]
    public int? Replicas { get; set; }

    [WireKey(2)]
    public string? Selector { get; set; }
}
