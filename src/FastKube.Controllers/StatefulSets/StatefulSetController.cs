using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Serialization;
using FastKube.Client;
using FastKube.Client.Events;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.StatefulSets;

/// <summary>
/// Runs StatefulSets (upstream's StatefulSet controller) over <see cref="StatefulSetPlanner"/>: keeps the
/// template's ControllerRevision, claims pods by selector, creates and deletes the planned pods (pod names
/// are fixed, so a create that finds its pod already there is not an error and no expectations are
/// needed), and writes the status <c>kubectl rollout status sts/…</c> reads.
/// </summary>
internal sealed class StatefulSetController : QueueController
{
    private readonly ResourceClient<StatefulSet> _sets;
    private readonly ResourceClient<Pod> _pods;
    private readonly InformerCache<StatefulSet> _setCache;
    private readonly InformerCache<Pod> _podCache;
    private readonly PodControl _claims;
    private readonly RevisionHistory _history;
    private readonly EventRecorder _events;

    public StatefulSetController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("statefulset", time, logs.CreateLogger<StatefulSetController>())
    {
        _sets = client.Resource<StatefulSet>();
        _pods = client.Resource<Pod>();
        _events = new EventRecorder(client, "statefulset-controller", time, Logger);
        _claims = new PodControl(_pods, new Expectations(time), _events, Logger);
        _history = new RevisionHistory(client, informers);
        var sets = informers.GetInformer<StatefulSet>();
        var pods = informers.GetInformer<Pod>();
        _setCache = sets.Cache;
        _podCache = pods.Cache;
        sets.AddEventHandler(new ResourceEventHandler<StatefulSet>
        {
            Added = (set, _) => Enqueue(set),
            Updated = (_, set) => Enqueue(set),
            Deleted = (set, _) => Enqueue(set),
        });
        pods.AddEventHandler(OwnedPodEvents.Handler(StatefulSet.KindName, _claims.Expectations, Queue.Add,
            pod => EnqueueSelecting(_setCache.List(pod.Metadata?.Namespace ?? ""), s => s.Spec?.Selector, pod.Metadata?.Labels)));
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var set = _setCache.Get(ObjectKey.Parse(key));
        if (set is null || set.Metadata!.DeletionTimestamp is not null)
        {
            return;
        }

        if (!Selector.TryFrom(set.Spec?.Selector, out var selector, out var selectorError) || selector.IsEverything)
        {
            Logger.LogWarning("statefulset {Key}: unusable selector: {Error}", key, selectorError.Length > 0 ? selectorError : "selects everything");
            return;
        }

        var owned = _history.Owned(set);
        var updateRevision = await _history.CurrentAsync(set, StatefulSet.GroupVersion, StatefulSet.KindName, set.Spec!.Template!, set.Status?.CollisionCount, owned, cancellationToken).ConfigureAwait(false);
        var update = new StatefulRevision(updateRevision.Metadata!.Name!, set.Spec.Template!);
        var current = owned.FirstOrDefault(r => r.Metadata!.Name == set.Status?.CurrentRevision) is { } found && Revisions.Template(found) is { } template
            ? new StatefulRevision(found.Metadata!.Name!, template)
            : update;

        var pods = await _claims.ClaimAsync(set, StatefulSet.GroupVersion, StatefulSet.KindName, selector, _podCache.List(set.Metadata.Namespace ?? ""), cancellationToken).ConfigureAwait(false);
        var plan = StatefulSetPlanner.Plan(set, pods, current, update, Time.GetUtcNow());
        await Task.WhenAll(plan.Create.Select(p => CreateAsync(set, p, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(plan.Delete.Select(p => DeleteAsync(set, p, cancellationToken))).ConfigureAwait(false);
        await StatusWriter.WriteAsync(_sets, set, set.Status, plan.Status, (o, s) => o.Status = s, cancellationToken).ConfigureAwait(false);
        var live = pods.Select(StatefulPods.Revision).OfType<string>().Append(current.Name).Append(update.Name).ToHashSet(StringComparer.Ordinal);
        await _history.TruncateAsync(owned.Where(r => !live.Contains(r.Metadata!.Name!)).ToList(), live, set.Spec.RevisionHistoryLimit, cancellationToken).ConfigureAwait(false);

        if (set.Spec.MinReadySeconds is > 0 and var minReady && plan.Status.ReadyReplicas != plan.Status.AvailableReplicas)
        {
            Queue.AddAfter(key, TimeSpan.FromSeconds(minReady));
        }
    }

    private async Task CreateAsync(StatefulSet set, Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await _pods.CreateAsync(pod, cancellationToken: cancellationToken).ConfigureAwait(false);
            _events.Record(set, EventRecorder.Normal, "SuccessfulCreate", $"create Pod {pod.Metadata!.Name} in StatefulSet {set.Metadata!.Name} successful");
        }
        catch (KubeApiException exception) when (exception.IsAlreadyExists)
        {
            // Made by an earlier sync whose pod the cache has not shown yet.
        }
        catch (KubeApiException exception)
        {
            _events.Record(set, EventRecorder.Warning, "FailedCreate", $"create Pod {pod.Metadata!.Name} in StatefulSet {set.Metadata!.Name} failed error: {exception.Message}");
            throw;
        }
    }

    private async Task DeleteAsync(StatefulSet set, Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await _pods.DeleteAsync(pod.Metadata!.Namespace, pod.Metadata.Name!, new Api.Meta.DeleteOptions { Preconditions = new Api.Meta.Preconditions { Uid = pod.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
            _events.Record(set, EventRecorder.Normal, "SuccessfulDelete", $"delete Pod {pod.Metadata.Name} in StatefulSet {set.Metadata!.Name} successful");
        }
        catch (KubeApiException exception) when (exception.IsNotFound || exception.IsConflict)
        {
            // Gone already, or replaced by a newer pod of the same name that this decision was not about.
        }
    }
}
