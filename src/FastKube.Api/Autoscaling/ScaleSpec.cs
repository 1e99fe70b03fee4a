using FastKube.Api.Serialization;

namespace FastKube.Api.Autoscaling;

/// <summary>
/// The desired replica count.
/// </summary>
public sealed class ScaleSpec
{
    [WireKey(1)]
    public int? Replicas { get; set; }
}
