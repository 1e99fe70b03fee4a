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
    private readonly InformerCache<ReplicaSet> _setCache;
    private readonly InformerCache<Pod> _podCache;
    private readonly PodControl _control;

    public ReplicaSetController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("replicaset", time, logs.CreateLogger<ReplicaSetController>())
    {
        _sets = client.Resource<ReplicaSet>();
        _control = new PodControl(client.Resource<Pod>(), new Expectations(time), new EventRecorder(client, "replicaset-controller", time, Logger), Logger);
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
                _control.Expectations.Forget(ObjectKey.Of(rs).ToString());
                Enqueue(rs);
            },
        });
        podInformer.AddEventHandler(OwnedPodEvents.Handler(ReplicaSet.KindName, _control.Expectations, Queue.Add,
            pod => EnqueueSelecting(_setCache.List(pod.Metadata?.Namespace ?? ""), rs => rs.Spec?.Selector, pod.Metadata?.Labels)));
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var rs = _setCache.Get(ObjectKey.Parse(key));
        if (rs is null)
        {
            _control.Expectations.Forget(key);
            return;
        }

        if (!Selector.TryFrom(rs.Spec?.Selector, out var selector, out var selectorError) || selector.IsEverything)
        {
            Logger.LogWarning("replicaset {Key}: unusable selector: {Error}", key, selectorError.Length > 0 ? selectorError : "selects everything");
            return;
        }

        var ns = rs.Metadata!.Namespace!;
        var candidates = _podCache.List(ns).Where(ReplicaSetPlanner.IsActive);
        var owned = await _control.ClaimAsync(rs, ReplicaSet.GroupVersion, ReplicaSet.KindName, selector, candidates, cancellationToken).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        var plan = ReplicaSetPlanner.Plan(rs, owned, owned, now);
        if (_control.Expectations.Satisfied(key) && rs.Metadata.DeletionTimestamp is null)
        {
            await _control.CreateAsync(key, rs, Enumerable.Range(0, plan.Create).Select(_ => ReplicaSetPlanner.PodFromTemplate(rs)).ToList(), cancellationToken).ConfigureAwait(false);
            await _control.DeleteAsync(key, rs, plan.Delete, cancellationToken).ConfigureAwait(false);
        }

        await StatusWriter.WriteAsync(_sets, rs, rs.Status, plan.Status, (o, s) => o.Status = s, cancellationToken).ConfigureAwait(false);

        // Available counts need another look once the youngest ready pod has been ready for minReadySeconds.
        if (rs.Spec?.MinReadySeconds is > 0 and var minReady && plan.Status.ReadyReplicas != plan.Status.AvailableReplicas)
        {
            Queue.AddAfter(key, TimeSpan.FromSeconds(minReady));
        }
    }
}
