using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A weighted (1-100) pod affinity preference.
/// </summary>
public sealed class WeightedPodAffinityTerm
{
    [WireKey(1)]
    public int? Weight { get; set; }

    [WireKey(2)]
    public PodAffinityTerm? PodAffinityTerm { get; set; }
}
