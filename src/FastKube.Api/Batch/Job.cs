using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Batch;

/// <summary>
/// Pods that run to completion (batch/v1 Job). Pod failure and success policies are not modelled.
/// </summary>
public sealed class Job : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Job";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "batch/v1";

    [WireKey(4)]
    public JobSpec? Spec { get; set; }

    [WireKey(5)]
    public JobStatus? Status { get; set; }
}
