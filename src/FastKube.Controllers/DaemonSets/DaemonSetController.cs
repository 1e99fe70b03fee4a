using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Serialization;
using FastKube.Client;
using FastKube.Client.Events;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.DaemonSets;

/// <summary>
/// Keeps one pod of each DaemonSet on every eligible node (upstream's daemon controller) over
/// <see cref="DaemonSetPlanner"/>: records the template as a ControllerRevision whose hash labels the
/// pods, creates and deletes pods with expectations, rolls pods to the current revision, writes the
/// status <c>kubectl rollout status ds/…</c> reads, and trims the revision history.
/// </summary>
internal sealed class DaemonSetController : QueueController
{
    private readonly ResourceClient<DaemonSet> _sets;
    private readonly InformerCache<DaemonSet> _setCache;
    private readonly InformerCache<Node> _nodeCache;
    private readonly InformerCache<Pod> _podCache;
    private readonly PodControl _control;
    private readonly RevisionHistory _history;

    public DaemonSetController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("daemonset", time, logs.CreateLogger<DaemonSetController>())
    {
        _sets = client.Resource<DaemonSet>();
        _control = new PodControl(client.Resource<Pod>(), new Expectations(time), new EventRecorder(client, "daemonset-controller", time, Logger), Logger);
        _history = new RevisionHistory(client, informers);
        var sets = informers.GetInformer<DaemonSet>();
        var nodes = informers.GetInformer<Node>();
        var pods = informers.GetInformer<Pod>();
        _setCache = sets.Cache;
        _nodeCache = nodes.Cache;
        _podCache = pods.Cache;
        sets.AddEventHandler(new ResourceEventHandler<DaemonSet>
        {
            Added = (ds, _) => Enqueue(ds),
            Updated = (_, ds) => Enqueue(ds),
            Deleted = (ds, _) =>
            {
                _control.Expectations.Forget(ObjectKey.Of(ds).ToString());
                Enqueue(ds);
            },
        });

        // Any node change can change where daemon pods belong; DaemonSets are few.
        nodes.AddEventHandler(new ResourceEventHandler<Node>
        {
            Added = (_, _) => EnqueueAll(),
            Updated = (_, _) => EnqueueAll(),
            Deleted = (_, _) => EnqueueAll(),
        });
        pods.AddEventHandler(OwnedPodEvents.Handler(DaemonSet.KindName, _control.Expectations, Queue.Add,
            pod => EnqueueSelecting(_setCache.List(pod.Metadata?.Namespace ?? ""), ds => ds.Spec?.Selector, pod.Metadata?.Labels)));
    }

    private void EnqueueAll()
    {
        foreach (var ds in _setCache.List())
        {
            Enqueue(ds);
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var ds = _setCache.Get(ObjectKey.Parse(key));
        if (ds is null)
        {
            _control.Expectations.Forget(key);
            return;
        }

        if (!Selector.TryFrom(ds.Spec?.Selector, out var selector, out var selectorError) || selector.IsEverything)
        {
            Logger.LogWarning("daemonset {Key}: unusable selector: {Error}", key, selectorError.Length > 0 ? selectorError : "selects everything");
            return;
        }

        var owned = _history.Owned(ds);
        var current = await _history.CurrentAsync(ds, DaemonSet.GroupVersion, DaemonSet.KindName, ds.Spec!.Template!, ds.Status?.CollisionCount, owned, cancellationToken).ConfigureAwait(false);
        var hash = current.Metadata!.Labels![Revisions.HashLabel];
        if (!_control.Expectations.Satisfied(key) || ds.Metadata!.DeletionTimestamp is not null)
        {
            return;
        }

        var pods = await _control.ClaimAsync(ds, DaemonSet.GroupVersion, DaemonSet.KindName, selector, _podCache.List(ds.Metadata.Namespace ?? ""), cancellationToken).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        var plan = DaemonSetPlanner.Plan(ds, _nodeCache.List(), pods, hash, now);
        await _control.DeleteAsync(key, ds, plan.Delete, cancellationToken).ConfigureAwait(false);
        await _control.CreateAsync(key, ds, plan.Create, cancellationToken).ConfigureAwait(false);
        await StatusWriter.WriteAsync(_sets, ds, ds.Status, plan.Status, (o, s) => o.Status = s, cancellationToken).ConfigureAwait(false);
        var live = pods.Select(DaemonSetPlanner.Hash).OfType<string>().Append(hash).ToHashSet(StringComparer.Ordinal);
        await _history.TruncateAsync(owned.Where(r => r.Metadata!.Name != current.Metadata.Name).ToList(), live, ds.Spec.RevisionHistoryLimit, cancellationToken).ConfigureAwait(false);

        // Available counts need another look once ready pods have been ready for minReadySeconds.
        if (ds.Spec.MinReadySeconds is > 0 and var minReady && plan.Status.NumberReady != plan.Status.NumberAvailable)
        {
            Queue.AddAfter(key, TimeSpan.FromSeconds(minReady));
        }
    }
}
