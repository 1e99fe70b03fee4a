using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// The standard condition shape of meta/v1 Condition.
/// </summary>
public sealed class Condition
{
    [WireKey(1)]
    public string? Type { get; set; }

    /// <summary>"True", "False" or "Unknown".</summary>
    [WireKey(2)]
    public string? Status { get; set; }

    [WireKey(3)]
    public long? ObservedGeneration { get; set; }

    [WireKey(4)]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [WireKey(5)]
    public string? Reason { get; set; }

    [WireKey(6)]
    public string? Message { get; set; }
}
