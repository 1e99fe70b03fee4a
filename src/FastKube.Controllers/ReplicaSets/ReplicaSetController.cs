using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Client;
using FastKube.Client.Events;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.ReplicaSets;

/// <summary>
/// Keeps each ReplicaSet's pods at spec.replicas (upstream's ReplicaSet controller): claims pods by
/// selector and controller reference, creates in slow-start batches and deletes the least valuable pods
/// per <see cref="ReplicaSetPlanner"/>, never acting on a key while its expected creates and deletes are
/// still on their way through the informer, and writes the status when it changes.
/// </summary>
internal sealed class ReplicaSetController : QueueController
{
    private readonly ResourceClient<ReplicaSet> _sets;
    private readonly ResourceClient<Pod> _pods;
    private readonly InformerCache<ReplicaSet> _setCache;
    private readonly InformerCache<Pod> _podCache;
    private readonly Expectations _expectations;
    private readonly EventRecorder _events;

    public ReplicaSetController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("replicaset", time, logs.CreateLogger<ReplicaSetController>())
    {
        _events = new EventRecorder(client, "replicaset-controller", time, Logger);
        _sets = client.Resource<ReplicaSet>();
        _pods = client.Resource<Pod>();
        _expectations = new Expectations(time);
        var setInformer = informers.GetInformer<ReplicaSet>();
        var podInformer = informers.GetInformer<Pod>();
        _setCache = setInformer.Cache;
        _podCache = podInformer.Cache;
        setInformer.AddEventHandler(new ResourceEventHandler<ReplicaSet>
        {
            Added = (rs, _) => Enqueue(rs),
            Updated = (_, rs) => Enqueue(rs),
            Deleted = (rs, _) =>
            {
                _expectations.Forget(ObjectKey.Of(rs).ToString());
                Enqueue(rs);
            },
        });
        podInformer.AddEventHandler(new ResourceEventHandler<Pod>
        {
            Added = (pod, _) => PodChanged(pod, created: true),
            Updated = (old, pod) =>
            {
                if (ControllerRefs.ControllerOf(old.Metadata)?.Uid != ControllerRefs.ControllerOf(pod.Metadata)?.Uid)
                {
                    PodChanged(old, created: false);
                }

                PodChanged(pod, created: false, deleted: pod.Metadata?.DeletionTimestamp is not null && old.Metadata?.DeletionTimestamp is null);
            },
            Deleted = (pod, _) => PodChanged(pod, created: false, deleted: true),
        });
    }

    // A pod event wakes its owning set (and settles an expectation), or, for an orphan, every set that could adopt it.
    private void PodChanged(Pod pod, bool created, bool deleted = false)
    {
        var ns = pod.Metadata?.Namespace ?? "";
        if (ControllerRefs.ControllerOf(pod.Metadata) is { Kind: ReplicaSet.KindName } owner)
        {
            var key = new ObjectKey(ns, owner.Name ?? "").ToString();
            if (created)
            {
                _expectations.Created(key);
            }
            else if (deleted)
            {
                _expectations.Deleted(key);
            }

            Queue.Add(key);
            return;
        }

        if (ControllerRefs.ControllerOf(pod.Metadata) is null && !deleted)
        {
            EnqueueSelecting(_setCache.List(ns), rs => rs.Spec?.Selector, pod.Metadata?.Labels);
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var rs = _setCache.Get(ObjectKey.Parse(key));
        if (rs is null)
        {
            _expectations.Forget(key);
            return;
        }

        if (!Selector.TryFrom(rs.Spec?.Selector, out var selector, out var selectorError) || selector.IsEverything)
        {
            Logger.LogWarning("replicaset {Key}: unusable selector: {Error}", key, selectorError.Length > 0 ? selectorError : "selects everything");
            return;
        }

        var ns = rs.Metadata!.Namespace!;
        var candidates = _podCache.List(ns).Where(ReplicaSetPlanner.IsActive);
        var claim = ControllerRefs.Classify(rs.Metadata, selector, candidates);
        var owned = claim.Owned;
        foreach (var pod in claim.Adopt)
        {
            owned.Add(await SetOwnerAsync(pod, rs, adopt: true, cancellationToken).ConfigureAwait(false));
        }

        foreach (var pod in claim.Release)
        {
            await SetOwnerAsync(pod, rs, adopt: false, cancellationToken).ConfigureAwait(false);
        }

        var now = Time.GetUtcNow();
        var plan = ReplicaSetPlanner.Plan(rs, owned, owned, now);
        if (_expectations.Satisfied(key) && rs.Metadata.DeletionTimestamp is null)
        {
            await CreateAsync(key, rs, plan.Create, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(key, rs, plan.Delete, cancellationToken).ConfigureAwait(false);
        }

        await WriteStatusAsync(rs, plan.Status, cancellationToken).ConfigureAwait(false);

        // Available counts need another look once the youngest ready pod has been ready for minReadySeconds.
        if (rs.Spec?.MinReadySeconds is > 0 and var minReady && plan.Status.ReadyReplicas != plan.Status.AvailableReplicas)
        {
            Queue.AddAfter(key, TimeSpan.FromSeconds(minReady));
        }
    }

    private async Task CreateAsync(string key, ReplicaSet rs, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        _expectations.Expect(key, count, 0);
        var attempted = 0;
        var created = await SlowStart.RunAsync(count, async token =>
        {
            Interlocked.Increment(ref attempted);
            try
            {
                var pod = await _pods.CreateAsync(ReplicaSetPlanner.PodFromTemplate(rs), cancellationToken: token).ConfigureAwait(false);
                _events.Record(rs, EventRecorder.Normal, "SuccessfulCreate", $"Created pod: {pod.Metadata!.Name}");
                return true;
            }
            catch (KubeApiException exception)
            {
                Logger.LogWarning("replicaset {Key}: creating a pod failed: {Message}", key, exception.Message);
                _events.Record(rs, EventRecorder.Warning, "FailedCreate", $"Error creating: {exception.Message}");
                _expectations.Created(key);
                return false;
            }
        }, cancellationToken).ConfigureAwait(false);

        // Creates never attempted will never be observed either.
        for (var i = attempted; i < count; i++)
        {
            _expectations.Created(key);
        }

        if (created < count)
        {
            throw new InvalidOperationException($"replicaset {key}: created {created} of {count} pods");
        }
    }

    private async Task DeleteAsync(string key, ReplicaSet rs, List<Pod> pods, CancellationToken cancellationToken)
    {
        if (pods.Count == 0)
        {
            return;
        }

        _expectations.Expect(key, 0, pods.Count);
        await Task.WhenAll(pods.Select(async pod =>
        {
            try
            {
                await _pods.DeleteAsync(pod.Metadata!.Namespace, pod.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
                _events.Record(rs, EventRecorder.Normal, "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
            }
            catch (KubeApiException exception) when (exception.IsNotFound)
            {
                _expectations.Deleted(key);
            }
        })).ConfigureAwait(false);
    }

    // Adoption adds the set as controller owner; release drops it. The pod's resourceVersion guards both.
    private async Task<Pod> SetOwnerAsync(Pod pod, ReplicaSet rs, bool adopt, CancellationToken cancellationToken)
    {
        var references = (pod.Metadata!.OwnerReferences ?? []).Where(r => r.Uid != rs.Metadata!.Uid).ToList();
        if (adopt)
        {
            references.Add(ControllerRefs.Reference(rs, ReplicaSet.GroupVersion, ReplicaSet.KindName));
        }

        return await _pods.PatchAsync(pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.Merge, OwnerPatch.Render(pod.Metadata.ResourceVersion, references), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteStatusAsync(ReplicaSet rs, ReplicaSetStatus status, CancellationToken cancellationToken)
    {
        if (KubeJson.SerializeToString(status) == KubeJson.SerializeToString(rs.Status ?? new ReplicaSetStatus()))
        {
            return;
        }

        var copy = Objects.Copy(rs);
        copy.Status = status;
        await _sets.UpdateStatusAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
