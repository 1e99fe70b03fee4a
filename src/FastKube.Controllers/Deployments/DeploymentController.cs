using System.Globalization;
using FastKube.Api.Apps;
using FastKube.Api.Labels;
using FastKube.Api.Serialization;
using FastKube.Client;
using FastKube.Client.Events;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.Deployments;

/// <summary>
/// Rolls Deployments out through ReplicaSets (upstream's deployment controller): claims ReplicaSets by
/// selector and controller reference, applies one <see cref="DeploymentPlanner"/> step per sync, and
/// writes the status. Each ReplicaSet change comes back as an informer event that triggers the next step,
/// and a rollout waiting on its progress deadline is looked at again when the deadline passes.
/// </summary>
internal sealed class DeploymentController : QueueController
{
    private readonly ResourceClient<Deployment> _deployments;
    private readonly ResourceClient<ReplicaSet> _sets;
    private readonly InformerCache<Deployment> _deploymentCache;
    private readonly InformerCache<ReplicaSet> _setCache;
    private readonly EventRecorder _events;

    public DeploymentController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("deployment", time, logs.CreateLogger<DeploymentController>())
    {
        _events = new EventRecorder(client, "deployment-controller", time, Logger);
        _deployments = client.Resource<Deployment>();
        _sets = client.Resource<ReplicaSet>();
        var deploymentInformer = informers.GetInformer<Deployment>();
        var setInformer = informers.GetInformer<ReplicaSet>();
        _deploymentCache = deploymentInformer.Cache;
        _setCache = setInformer.Cache;
        deploymentInformer.AddEventHandler(new ResourceEventHandler<Deployment>
        {
            Added = (d, _) => Enqueue(d),
            Updated = (_, d) => Enqueue(d),
            Deleted = (d, _) => Enqueue(d),
        });
        setInformer.AddEventHandler(new ResourceEventHandler<ReplicaSet>
        {
            Added = (rs, _) => SetChanged(rs),
            Updated = (old, rs) =>
            {
                SetChanged(old);
                SetChanged(rs);
            },
            Deleted = (rs, _) => SetChanged(rs),
        });
    }

    private void SetChanged(ReplicaSet rs)
    {
        var ns = rs.Metadata?.Namespace ?? "";
        if (ControllerRefs.ControllerOf(rs.Metadata) is { Kind: Deployment.KindName } owner)
        {
            Queue.Add(new ObjectKey(ns, owner.Name ?? "").ToString());
            return;
        }

        EnqueueSelecting(_deploymentCache.List(ns), d => d.Spec?.Selector, rs.Metadata?.Labels);
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var deployment = _deploymentCache.Get(ObjectKey.Parse(key));
        if (deployment is null)
        {
            return;
        }

        if (!Selector.TryFrom(deployment.Spec?.Selector, out var selector, out var selectorError) || selector.IsEverything)
        {
            Logger.LogWarning("deployment {Key}: unusable selector: {Error}", key, selectorError.Length > 0 ? selectorError : "selects everything");
            return;
        }

        var claim = ControllerRefs.Classify(deployment.Metadata!, selector, _setCache.List(deployment.Metadata!.Namespace!));
        var owned = claim.Owned;
        foreach (var rs in claim.Adopt)
        {
            var references = (rs.Metadata!.OwnerReferences ?? []).Append(ControllerRefs.Reference(deployment, Deployment.GroupVersion, Deployment.KindName)).ToList();
            owned.Add(await _sets.PatchAsync(rs.Metadata.Namespace, rs.Metadata.Name!, PatchType.Merge, OwnerPatch.Render(rs.Metadata.ResourceVersion, references), cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        var now = Time.GetUtcNow();
        var plan = DeploymentPlanner.Plan(deployment, owned, now);
        if (plan.Create is { } create)
        {
            await _sets.CreateAsync(create, cancellationToken: cancellationToken).ConfigureAwait(false);
            _events.Record(deployment, EventRecorder.Normal, "ScalingReplicaSet", $"Scaled up replica set {create.Metadata!.Name} from 0 to {create.Spec!.Replicas}");
        }

        foreach (var rs in plan.Update)
        {
            await _sets.UpdateAsync(rs, cancellationToken: cancellationToken).ConfigureAwait(false);
            var before = owned.FirstOrDefault(o => o.Metadata!.Name == rs.Metadata!.Name)?.Spec?.Replicas ?? 0;
            if (before != rs.Spec!.Replicas)
            {
                var direction = rs.Spec.Replicas > before ? "up" : "down";
                _events.Record(deployment, EventRecorder.Normal, "ScalingReplicaSet", $"Scaled {direction} replica set {rs.Metadata!.Name} from {before} to {rs.Spec.Replicas}");
            }
        }

        foreach (var rs in plan.Delete)
        {
            await _sets.DeleteAsync(rs.Metadata!.Namespace, rs.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (KubeJson.SerializeToString(plan.Status) != KubeJson.SerializeToString(deployment.Status ?? new DeploymentStatus()))
        {
            var copy = Objects.Copy(deployment);
            copy.Status = plan.Status;
            await _deployments.UpdateStatusAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // Upstream keeps the Deployment's own revision annotation equal to its newest ReplicaSet's; kubectl
        // rollout undo replaces /metadata/annotations and needs it to exist.
        var revision = plan.Revision.ToString(CultureInfo.InvariantCulture);
        if (plan.Revision > 0 && deployment.Metadata.Annotations?.GetValueOrDefault(ReplicaSetTemplates.RevisionAnnotation) != revision)
        {
            var patch = """{"metadata":{"annotations":{"deployment.kubernetes.io/revision":"REVISION"}}}""".Replace("REVISION", revision, StringComparison.Ordinal);
            await _deployments.PatchAsync(deployment.Metadata.Namespace, deployment.Metadata.Name!, PatchType.Merge, patch, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // A rollout that stops making progress must still be marked ProgressDeadlineExceeded in time.
        if (deployment.Spec?.ProgressDeadlineSeconds is { } deadline && plan.Status.Conditions?.Any(c => c.Reason == "ReplicaSetUpdated") == true)
        {
            Queue.AddAfter(key, TimeSpan.FromSeconds(deadline + 1));
        }
    }
}
