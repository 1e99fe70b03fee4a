using FastKube.Api.Serialization;

namespace FastKube.Api.Batch;

/// <summary>
/// The observed state of a job.
/// </summary>
public sealed class JobStatus
{
    [WireKey(1)]
    public List<JobCondition>? Conditions { get; set; }

    [WireKey(2)]
    public DateTimeOffset? StartTime { get; set; }

    [WireKey(3)]
    public DateTimeOffset? CompletionTime { get; set; }

    [WireKey(4)]
    public int? Active { get; set; }

    [WireKey(5)]
    public int? Succeeded { get; set; }

    [WireKey(6)]
    public int? Failed { get; set; }

    [WireKey(7)]
    public int? Terminating { get; set; }

    [WireKey(8)]
    public string? CompletedIndexes { get; set; }

    [WireKey(9)]
    public string? FailedIndexes { get; set; }

    [WireKey(10)]
    public UncountedTerminatedPods? UncountedTerminatedPods { get; set; }

    [WireKey(11)]
    public int? Ready { get; set; }
}
