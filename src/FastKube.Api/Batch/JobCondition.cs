using FastKube.Api.Serialization;

namespace FastKube.Api.Batch;

/// <summary>
/// A job condition: Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet.
/// </summary>
public sealed class JobCondition
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public string? Status { get; set; }

    [WireKey(3)]
    public DateTimeOffset? LastProbeTime { get; set; }

    [WireKey(4)]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [WireKey(5)]
    public string? Reason { get; set; }

    [WireKey(6)]
    public string? Message { get; set; }
}
