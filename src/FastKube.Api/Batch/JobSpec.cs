using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Batch;

/// <summary>
/// The desired state of a job.
/// </summary>
public sealed class JobSpec
{
    [WireKey(1)]
    public int? Parallelism { get; set; }

    [WireKey(2)]
    public int? Completions { get; set; }

    [WireKey(3)]
    public long? ActiveDeadlineSeconds { get; set; }

    [WireKey(4)]
    public int? BackoffLimit { get; set; }

    [WireKey(5)]
    public int? BackoffLimitPerIndex { get; set; }

    [WireKey(6)]
    public int? MaxFailedIndexes { get; set; }

    [WireKey(7)]
    public LabelSelector? Selector { get; set; }

    [WireKey(8)]
    public bool? ManualSelector { get; set; }

    [WireKey(9)]
    public PodTemplateSpec? Template { get; set; }

    [WireKey(10)]
    public int? TtlSecondsAfterFinished { get; set; }

    /// <summary>NonIndexed or Indexed.</summary>
    [WireKey(11)]
    public string? CompletionMode { get; set; }

    [WireKey(12)]
    public bool? Suspend { get; set; }

    [WireKey(13)]
    public string? PodReplacementPolicy { get; set; }

    [WireKey(14)]
    public string? ManagedBy { get; set; }
}
