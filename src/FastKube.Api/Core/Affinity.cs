using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Scheduling constraints relative to nodes and to other pods.
/// </summary>
public sealed class Affinity
{
    [WireKey(1)]
    public NodeAffinity? NodeAffinity { get; set; }

    [WireKey(2)]
    public PodAffinity? PodAffinity { get; set; }

    [WireKey(3)]
    public PodAntiAffinity? PodAntiAffinity { get; set; }
}
