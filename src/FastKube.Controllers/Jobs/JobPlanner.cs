using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;
using FastKube.Controllers.ReplicaSets;

namespace FastKube.Controllers.Jobs;

/// <summary>An event the controller records about the Job after writing the plan.</summary>
internal sealed record JobEvent(bool Warning, string Reason, string Message);

/// <summary>
/// The writes of one Job sync. Order matters for exactly-once counting: the status (which records newly
/// finished pods in uncountedTerminatedPods) is written first, then the tracking finalizers of those pods
/// are removed, then pods are created or deleted. <see cref="RequeueAfter"/> is when the Job needs another
/// look without any event (the pod failure backoff or the active deadline running out).
/// </summary>
internal sealed record JobPlan(JobStatus Status, List<Pod> RemoveFinalizer, List<Pod> Create, List<Pod> Delete, JobBackoff Backoff, TimeSpan? RequeueAfter, List<JobEvent> Events);

/// <summary>
/// One sync of upstream's Job controller (1.32, NonIndexed and Indexed completion modes) as a pure
/// function of the Job, its pods and its pod failure backoff. Every pod carries the
/// <c>batch.kubernetes.io/job-tracking</c> finalizer, so a finished pod cannot disappear before it is
/// counted: it is first recorded by uid in status.uncountedTerminatedPods, its finalizer removed, and only
/// once the finalizer is gone does it move into succeeded or failed — each pod counts once however often
/// the sync runs or crashes midway. Past backoffLimit failures or activeDeadlineSeconds the Job gets
/// FailureTarget, at its completions SuccessCriteriaMet; the terminal Failed or Complete condition follows
/// once no pod is left running or uncounted (upstream's delayed terminal condition). Otherwise it keeps
/// min(parallelism, remaining completions) pods running, creating new ones only after the backoff.
/// </summary>
internal static partial class JobPlanner
{
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";

    /// <summary>Upstream's default spec.backoffLimit.</summary>
    public const int DefaultBackoffLimit = 6;

    public static JobPlan Plan(Job job, IReadOnlyList<Pod> pods, DateTimeOffset now) => Plan(job, pods, JobBackoff.None, now);

    public static JobPlan Plan(Job job, IReadOnlyList<Pod> pods, JobBackoff backoff, DateTimeOffset now)
    {
        var spec = job.Spec!;
        var status = Objects.Copy(job.Status ?? new JobStatus());
        var events = new List<JobEvent>();
        var indexed = JobIndexes.IsIndexed(job);
        var completedIndexes = JobIndexes.Parse(status.CompletedIndexes);
        var (removeFinalizer, finished) = Record(status, pods, now);
        backoff = backoff.After(finished);
        if (indexed)
        {
            foreach (var pod in pods.Where(p => p.Status?.Phase == PodPhases.Succeeded && JobIndexes.Of(p) is { } i && i < spec.Completions))
            {
                completedIndexes.Add(JobIndexes.Of(pod)!.Value);
            }

            status.CompletedIndexes = JobIndexes.Format(completedIndexes);
        }

        var active = pods.Where(ReplicaSetPlanner.IsActive).ToList();
        var terminating = pods.Count(p => p.Metadata?.DeletionTimestamp is not null && p.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed));
        var uncounted = status.UncountedTerminatedPods!.Succeeded!.Count + status.UncountedTerminatedPods.Failed!.Count;
        var succeeded = status.Succeeded!.Value + status.UncountedTerminatedPods.Succeeded.Count;
        var failed = status.Failed!.Value + status.UncountedTerminatedPods.Failed.Count;
        status.Active = active.Count;
        status.Terminating = terminating;
        status.Ready = active.Count(EndpointSlices.EndpointBuilder.IsReady);

        if (Has(status, JobConditionTypes.Complete) || Has(status, JobConditionTypes.Failed))
        {
            return new JobPlan(status, removeFinalizer, [], active, backoff, null, events);
        }

        // A Job on its way out (FailureTarget or SuccessCriteriaMet) deletes what still runs and finishes
        // once nothing runs, terminates, or waits to be counted.
        var target = Condition(status, JobConditionTypes.FailureTarget) ?? Condition(status, JobConditionTypes.SuccessCriteriaMet)
            ?? FailureTarget(job, status, failed, now) ?? SuccessTarget(job, status, succeeded, completedIndexes.Count, active.Count, now);
        if (target is not null)
        {
            if (active.Count == 0 && terminating == 0 && uncounted == 0)
            {
                var complete = target.Type == JobConditionTypes.SuccessCriteriaMet;
                SetCondition(status, complete ? JobConditionTypes.Complete : JobConditionTypes.Failed, ConditionStatuses.True, target.Reason, target.Message, now);
                if (complete)
                {
                    status.CompletionTime = now;
                }

                events.Add(complete ? new JobEvent(false, "Completed", "Job completed") : new JobEvent(true, target.Reason!, target.Message!));
            }

            return new JobPlan(status, removeFinalizer, [], active, backoff, null, events);
        }

        if (spec.Suspend == true)
        {
            if (SetCondition(status, JobConditionTypes.Suspended, ConditionStatuses.True, "JobSuspended", "Job suspended", now))
            {
                events.Add(new JobEvent(false, "Suspended", "Job suspended"));
            }

            return new JobPlan(status, removeFinalizer, [], active, backoff, null, events);
        }

        if (Condition(status, JobConditionTypes.Suspended) is not null
            && SetCondition(status, JobConditionTypes.Suspended, ConditionStatuses.False, "JobResumed", "Job resumed", now))
        {
            // Upstream restarts the active deadline clock on resume.
            status.StartTime = now;
            events.Add(new JobEvent(false, "Resumed", "Job resumed"));
        }

        status.StartTime ??= now;
        TimeSpan? requeue = spec.ActiveDeadlineSeconds is { } deadline ? status.StartTime.Value.AddSeconds(deadline) - now : null;
        var (create, delete) = indexed ? Indexed(job, active, completedIndexes) : NonIndexed(job, active, succeeded, now);
        if (create.Count > 0 && backoff.Remaining(now) is { } wait && wait > TimeSpan.Zero)
        {
            create = [];
            requeue = requeue is { } r && r < wait ? r : wait;
        }

        return new JobPlan(status, removeFinalizer, create, delete, backoff, requeue, events);
    }

    // Recorded pods whose finalizer is gone are counted now, and only now; newly finished tracked pods (and
    // tracked pods deleted before finishing, which count as failed) are recorded and returned with when they
    // finished, for the backoff.
    private static (List<Pod> RemoveFinalizer, List<(DateTimeOffset, bool)> Finished) Record(JobStatus status, IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var uncounted = status.UncountedTerminatedPods ??= new UncountedTerminatedPods();
        var succeededUids = uncounted.Succeeded ??= [];
        var failedUids = uncounted.Failed ??= [];
        var byUid = pods.Where(p => p.Metadata?.Uid is not null).ToDictionary(p => p.Metadata!.Uid!, StringComparer.Ordinal);
        status.Succeeded = (status.Succeeded ?? 0) + succeededUids.RemoveAll(uid => !Tracked(byUid.GetValueOrDefault(uid)));
        status.Failed = (status.Failed ?? 0) + failedUids.RemoveAll(uid => !Tracked(byUid.GetValueOrDefault(uid)));

        var removeFinalizer = new List<Pod>();
        var finished = new List<(DateTimeOffset, bool)>();
        foreach (var pod in pods.Where(Tracked))
        {
            var uid = pod.Metadata!.Uid!;
            var phase = pod.Status?.Phase;
            if (phase is PodPhases.Succeeded or PodPhases.Failed || pod.Metadata.DeletionTimestamp is not null)
            {
                if (!succeededUids.Contains(uid) && !failedUids.Contains(uid))
                {
                    var success = phase == PodPhases.Succeeded;
                    (success ? succeededUids : failedUids).Add(uid);
                    finished.Add((FinishedAt(pod) ?? now, success));
                }

                removeFinalizer.Add(pod);
            }
        }

        return (removeFinalizer, finished);
    }

    // When the pod's last container stopped, as upstream's backoff takes it (else when it was deleted).
    private static DateTimeOffset? FinishedAt(Pod pod) =>
        pod.Status?.ContainerStatuses?.Select(s => s.State?.Terminated?.FinishedAt).Max() ?? pod.Metadata?.DeletionTimestamp;

    private static JobCondition? FailureTarget(Job job, JobStatus status, int failed, DateTimeOffset now)
    {
        var spec = job.Spec!;
        if (failed > (spec.BackoffLimit ?? DefaultBackoffLimit))
        {
            SetCondition(status, JobConditionTypes.FailureTarget, ConditionStatuses.True, "BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
        }
        else if (spec.Suspend != true && spec.ActiveDeadlineSeconds is { } deadline && status.StartTime is { } start && start.AddSeconds(deadline) <= now)
        {
            SetCondition(status, JobConditionTypes.FailureTarget, ConditionStatuses.True, "DeadlineExceeded", "Job was active longer than specified deadline", now);
        }

        return Condition(status, JobConditionTypes.FailureTarget);
    }

    private static JobCondition? SuccessTarget(Job job, JobStatus status, int succeeded, int completedIndexes, int active, DateTimeOffset now)
    {
        var completions = job.Spec!.Completions;
        var done = JobIndexes.IsIndexed(job)
            ? completedIndexes >= completions
            : completions is { } needed ? succeeded >= needed : succeeded > 0 && active == 0;
        if (done)
        {
            SetCondition(status, JobConditionTypes.SuccessCriteriaMet, ConditionStatuses.True, "CompletionsReached", "Reached expected number of succeeded pods", now);
        }

        return Condition(status, JobConditionTypes.SuccessCriteriaMet);
    }

    /// <summary>A new pod from the Job's template, tracked by the finalizer and owned by the Job.</summary>
    public static Pod PodFromTemplate(Job job) =>
        PodTemplates.NewPod(job, Job.GroupVersion, Job.KindName, job.Spec!.Template!, [TrackingFinalizer]);

    private static bool Tracked(Pod? pod) => pod?.Metadata?.Finalizers?.Contains(TrackingFinalizer) == true;
}
