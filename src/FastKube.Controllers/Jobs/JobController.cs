using System.Collections.Concurrent;
using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Serialization;
using FastKube.Client;
using FastKube.Client.Events;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.Jobs;

/// <summary>
/// Runs Jobs to completion (upstream's Job controller) over <see cref="JobPlanner"/>: claims pods by the
/// Job's selector, writes the status first (recording newly finished pods as uncounted), then removes
/// those pods' tracking finalizers, then creates and deletes pods; keeps each Job's pod failure backoff
/// in memory as upstream does. Pods still carrying the finalizer after their Job is gone get it removed.
/// ttlSecondsAfterFinished is <see cref="TtlAfterFinishedController"/>'s, as upstream's separate controller.
/// </summary>
internal sealed class JobController : QueueController
{
    private readonly ResourceClient<Job> _jobs;
    private readonly ResourceClient<Pod> _pods;
    private readonly InformerCache<Job> _jobCache;
    private readonly InformerCache<Pod> _podCache;
    private readonly PodControl _control;
    private readonly EventRecorder _events;
    private readonly ConcurrentDictionary<string, JobBackoff> _backoff = new(StringComparer.Ordinal);

    public JobController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("job", time, logs.CreateLogger<JobController>())
    {
        _jobs = client.Resource<Job>();
        _pods = client.Resource<Pod>();
        _events = new EventRecorder(client, "job-controller", time, Logger);
        _control = new PodControl(_pods, new Expectations(time), _events, Logger);
        var jobInformer = informers.GetInformer<Job>();
        var podInformer = informers.GetInformer<Pod>();
        _jobCache = jobInformer.Cache;
        _podCache = podInformer.Cache;
        jobInformer.AddEventHandler(new ResourceEventHandler<Job>
        {
            Added = (job, _) => Enqueue(job),
            Updated = (_, job) => Enqueue(job),
            Deleted = (job, _) =>
            {
                var key = ObjectKey.Of(job).ToString();
                _control.Expectations.Forget(key);
                _backoff.TryRemove(key, out JobBackoff? _);
                Enqueue(job);
            },
        });
        podInformer.AddEventHandler(OwnedPodEvents.Handler(Job.KindName, _control.Expectations, Queue.Add,
            pod => EnqueueSelecting(_jobCache.List(pod.Metadata?.Namespace ?? ""), j => j.Spec?.Selector, pod.Metadata?.Labels)));
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var id = ObjectKey.Parse(key);
        var job = _jobCache.Get(id);
        if (job is null)
        {
            await ReleaseOrphansAsync(id, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!Selector.TryFrom(job.Spec?.Selector, out var selector, out var selectorError) || selector.IsEverything)
        {
            Logger.LogWarning("job {Key}: unusable selector: {Error}", key, selectorError.Length > 0 ? selectorError : "selects everything");
            return;
        }

        // Pods are only acted on once the cache holds every pod this controller created or deleted.
        if (!_control.Expectations.Satisfied(key))
        {
            return;
        }

        var candidates = _podCache.List(id.Namespace);
        var pods = job.Metadata!.DeletionTimestamp is null
            ? await _control.ClaimAsync(job, Job.GroupVersion, Job.KindName, selector, candidates, cancellationToken).ConfigureAwait(false)
            : candidates.Where(p => ControllerRefs.ControllerOf(p.Metadata)?.Uid == job.Metadata.Uid).ToList();
        var now = Time.GetUtcNow();
        var plan = JobPlanner.Plan(job, pods, _backoff.GetValueOrDefault(key, JobBackoff.None), now);
        await StatusWriter.WriteAsync(_jobs, job, job.Status, plan.Status, (o, s) => o.Status = s, cancellationToken).ConfigureAwait(false);
        _backoff[key] = plan.Backoff;
        foreach (var e in plan.Events)
        {
            _events.Record(job, e.Warning ? EventRecorder.Warning : EventRecorder.Normal, e.Reason, e.Message);
        }

        await Task.WhenAll(plan.RemoveFinalizer.Select(p => RemoveFinalizerAsync(p, cancellationToken))).ConfigureAwait(false);
        await _control.DeleteAsync(key, job, plan.Delete, cancellationToken).ConfigureAwait(false);
        if (job.Metadata.DeletionTimestamp is null)
        {
            await _control.CreateAsync(key, job, plan.Create, cancellationToken).ConfigureAwait(false);
        }

        if (plan.RequeueAfter is { } after)
        {
            Queue.AddAfter(key, after > TimeSpan.Zero ? after : TimeSpan.Zero);
        }
    }

    // Upstream removes the finalizer from pods whose Job is gone, so deleting a Job never leaves pods stuck.
    private async Task ReleaseOrphansAsync(ObjectKey job, CancellationToken cancellationToken)
    {
        var stuck = _podCache.List(job.Namespace).Where(p =>
            ControllerRefs.ControllerOf(p.Metadata) is { Kind: Job.KindName } owner && owner.Name == job.Name
            && p.Metadata!.Finalizers?.Contains(JobPlanner.TrackingFinalizer) == true);
        await Task.WhenAll(stuck.Select(p => RemoveFinalizerAsync(p, cancellationToken))).ConfigureAwait(false);
    }

    // A JSON patch that tests the finalizer is still where the cached pod had it, so a concurrent change
    // to the list fails the patch (and the sync retries) instead of removing the wrong entry.
    private async Task RemoveFinalizerAsync(Pod pod, CancellationToken cancellationToken)
    {
        var index = pod.Metadata!.Finalizers!.IndexOf(JobPlanner.TrackingFinalizer);
        var patch = $$"""[{"op":"test","path":"/metadata/finalizers/{{index}}","value":"{{JobPlanner.TrackingFinalizer}}"},{"op":"remove","path":"/metadata/finalizers/{{index}}"}]""";
        try
        {
            await _pods.PatchAsync(pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.Json, patch, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException exception) when (exception.IsNotFound)
        {
            // Gone already: nothing holds it.
        }
    }
}
