using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.ReplicaSets;

namespace FastKube.Controllers.Jobs;

internal static partial class JobPlanner
{
    // Work-queue Jobs (no completions) start no pod after the first success; the running ones finish.
    private static (List<Pod> Create, List<Pod> Delete) NonIndexed(Job job, List<Pod> active, int succeeded, DateTimeOffset now)
    {
        var spec = job.Spec!;
        var parallelism = spec.Parallelism ?? 1;
        var wanted = spec.Completions is { } total ? Math.Min(parallelism, total - succeeded) : succeeded > 0 ? active.Count : parallelism;
        var diff = wanted - active.Count;
        var delete = diff < 0 ? PodDeletionOrder.Sort(active, active, now).Take(-diff).ToList() : [];
        var create = Enumerable.Range(0, Math.Min(Math.Max(diff, 0), ReplicaSetPlanner.BurstReplicas)).Select(_ => PodFromTemplate(job)).ToList();
        return (create, delete);
    }

    // Upstream's indexed management: pods without a usable index, for a completed index, or duplicating
    // another active pod's index go; the lowest missing indexes are started up to parallelism.
    private static (List<Pod> Create, List<Pod> Delete) Indexed(Job job, List<Pod> active, SortedSet<int> completed)
    {
        var spec = job.Spec!;
        var completions = spec.Completions ?? 0;
        var delete = new List<Pod>();
        var running = new HashSet<int>();
        foreach (var pod in active.OrderBy(p => p.Metadata?.CreationTimestamp))
        {
            if (JobIndexes.Of(pod) is not { } index || index >= completions || completed.Contains(index) || !running.Add(index))
            {
                delete.Add(pod);
            }
        }

        var parallelism = Math.Min(spec.Parallelism ?? 1, completions - completed.Count);
        var keep = active.Count - delete.Count;
        if (keep > parallelism)
        {
            var extra = active.Except(delete).OrderByDescending(JobIndexes.Of).Take(keep - parallelism).ToList();
            delete.AddRange(extra);
            return ([], delete);
        }

        var create = Enumerable.Range(0, completions)
            .Where(i => !completed.Contains(i) && !running.Contains(i))
            .Take(Math.Min(parallelism - keep, ReplicaSetPlanner.BurstReplicas))
            .Select(i =>
            {
                var pod = PodFromTemplate(job);
                JobIndexes.Stamp(pod, job, i);
                return pod;
            })
            .ToList();
        return (create, delete);
    }

    private static bool Has(JobStatus status, string type) => Condition(status, type) is not null;

    private static JobCondition? Condition(JobStatus status, string type) =>
        status.Conditions?.FirstOrDefault(c => c.Type == type && c.Status == ConditionStatuses.True);

    // Upstream's ensureJobConditionStatus: a condition absent and wanted False is not added; returns whether anything changed.
    private static bool SetCondition(JobStatus status, string type, string value, string? reason, string? message, DateTimeOffset now)
    {
        var existing = status.Conditions?.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            if (value != ConditionStatuses.True)
            {
                return false;
            }

            (status.Conditions ??= []).Add(new JobCondition { Type = type, Status = value, Reason = reason, Message = message, LastProbeTime = now, LastTransitionTime = now });
            return true;
        }

        if (existing.Status == value && existing.Reason == reason && existing.Message == message)
        {
            return false;
        }

        if (existing.Status != value)
        {
            existing.LastTransitionTime = now;
        }

        (existing.Status, existing.Reason, existing.Message, existing.LastProbeTime) = (value, reason, message, now);
        return true;
    }
}
