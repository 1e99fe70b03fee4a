using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Co-location with pods matching terms.
/// </summary>
public sealed class PodAffinity
{
    [WireKey(1)]
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    [WireKey(2)]
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}
