using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;
using FastKube.Controllers.ReplicaSets;

namespace FastKube.Controllers.Jobs;

/// <summary>
/// The writes of one Job sync. Order matters for exactly-once counting: the status (which records newly
/// finished pods in uncountedTerminatedPods) is written first, then the tracking finalizers of those pods
/// are removed, then pods are created or deleted.
/// </summary>
internal sealed record JobPlan(JobStatus Status, List<Pod> RemoveFinalizer, int Create, List<Pod> Delete);

/// <summary>
/// One sync of upstream's Job controller (NonIndexed completion mode) as a pure function of the Job and its
/// pods. Every pod carries the <c>batch.kubernetes.io/job-tracking</c> finalizer, so a finished pod cannot
/// disappear before it is counted: it is first recorded by uid in status.uncountedTerminatedPods, its
/// finalizer removed, and only once the finalizer is gone does it move into succeeded or failed — each pod
/// counts once however often the sync runs or crashes midway. The Job fails past backoffLimit failures or
/// activeDeadlineSeconds, completes at completions successes (or, without completions, at the first success
/// once no pod runs), and otherwise keeps min(parallelism, remaining completions) pods running.
/// </summary>
internal static class JobPlanner
{
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";

    /// <summary>Upstream's default spec.backoffLimit.</summary>
    public const int DefaultBackoffLimit = 6;

    public static JobPlan Plan(Job job, IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var spec = job.Spec!;
        var status = Objects.Copy(job.Status ?? new JobStatus());
        var uncounted = status.UncountedTerminatedPods ??= new UncountedTerminatedPods();
        var succeededUids = uncounted.Succeeded ??= [];
        var failedUids = uncounted.Failed ??= [];
        var byUid = pods.Where(p => p.Metadata?.Uid is not null).ToDictionary(p => p.Metadata!.Uid!, StringComparer.Ordinal);

        // Recorded pods whose finalizer is gone are counted now, and only now.
        status.Succeeded = (status.Succeeded ?? 0) + succeededUids.RemoveAll(uid => !Tracked(byUid.GetValueOrDefault(uid)));
        status.Failed = (status.Failed ?? 0) + failedUids.RemoveAll(uid => !Tracked(byUid.GetValueOrDefault(uid)));

        // Newly finished pods (and tracked pods deleted before finishing, which count as failed) are recorded.
        var removeFinalizer = new List<Pod>();
        foreach (var pod in pods.Where(Tracked))
        {
            var uid = pod.Metadata!.Uid!;
            var phase = pod.Status?.Phase;
            if (phase == PodPhases.Succeeded || phase == PodPhases.Failed || pod.Metadata.DeletionTimestamp is not null)
            {
                var list = phase == PodPhases.Succeeded ? succeededUids : failedUids;
                if (!succeededUids.Contains(uid) && !failedUids.Contains(uid))
                {
                    list.Add(uid);
                }

                removeFinalizer.Add(pod);
            }
        }

        var active = pods.Where(ReplicaSetPlanner.IsActive).ToList();
        var succeeded = status.Succeeded.Value + succeededUids.Count;
        var failed = status.Failed.Value + failedUids.Count;
        status.StartTime ??= now;
        status.Active = active.Count;
        status.Ready = active.Count(p => p.Status?.Conditions?.Any(c => c.Type == PodConditionTypes.Ready && c.Status == ConditionStatuses.True) == true);

        var finished = status.Conditions?.Any(c => c.Type is JobConditionTypes.Complete or JobConditionTypes.Failed && c.Status == ConditionStatuses.True) == true;
        if (finished)
        {
            return new JobPlan(status, removeFinalizer, 0, active);
        }

        var backoffLimit = spec.BackoffLimit ?? DefaultBackoffLimit;
        if (failed > backoffLimit)
        {
            Finish(status, JobConditionTypes.Failed, "BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
            return new JobPlan(status, removeFinalizer, 0, active);
        }

        if (spec.ActiveDeadlineSeconds is { } deadline && status.StartTime.Value.AddSeconds(deadline) <= now)
        {
            Finish(status, JobConditionTypes.Failed, "DeadlineExceeded", "Job was active longer than specified deadline", now);
            return new JobPlan(status, removeFinalizer, 0, active);
        }

        var completions = spec.Completions;
        if ((completions is { } needed && succeeded >= needed) || (completions is null && succeeded > 0 && active.Count == 0))
        {
            Finish(status, JobConditionTypes.Complete, null, null, now);
            status.CompletionTime = now;
            return new JobPlan(status, removeFinalizer, 0, active);
        }

        // Work-queue Jobs (no completions) start no pod after the first success; the running ones finish.
        var parallelism = spec.Parallelism ?? 1;
        var wanted = completions is { } total ? Math.Min(parallelism, total - succeeded) : succeeded > 0 ? active.Count : parallelism;
        var diff = wanted - active.Count;
        var delete = diff < 0 ? PodDeletionOrder.Sort(active, active, now).Take(-diff).ToList() : [];
        return new JobPlan(status, removeFinalizer, Math.Min(Math.Max(diff, 0), ReplicaSetPlanner.BurstReplicas), delete);
    }

    /// <summary>A new pod from the Job's template, tracked by the finalizer and owned by the Job.</summary>
    public static Pod PodFromTemplate(Job job) =>
        PodTemplates.NewPod(job, Job.GroupVersion, Job.KindName, job.Spec!.Template!, [TrackingFinalizer]);

    private static bool Tracked(Pod? pod) => pod?.Metadata?.Finalizers?.Contains(TrackingFinalizer) == true;

    private static void Finish(JobStatus status, string type, string? reason, string? message, DateTimeOffset now)
    {
        (status.Conditions ??= []).Add(new JobCondition
        {
            Type = type,
            Status = ConditionStatuses.True,
            Reason = reason,
            Message = message,
            LastProbeTime = now,
            LastTransitionTime = now,
        });
    }
}
