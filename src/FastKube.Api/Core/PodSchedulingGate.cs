using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A gate that keeps the pod from being scheduled while present.
/// </summary>
public sealed class PodSchedulingGate
{
    [WireKey(1)]
    public string? Name { get; set; }
}
