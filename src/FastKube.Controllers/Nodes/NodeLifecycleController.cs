using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Events;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.Nodes;

/// <summary>
/// Upstream's node lifecycle controller together with its taint eviction controller, keyed by node name:
/// a sync applies <see cref="NodeHealth"/> (conditions Unknown and the unreachable taints once the node's
/// kube-node-lease Lease and status heartbeat are older than the grace period, not-ready taints for
/// Ready=False, none for a Ready node), marks the pods of a node that is not Ready as not Ready, and deletes
/// the node's pods whose NoExecute toleration ran out (<see cref="TaintEviction"/>). Instead of upstream's
/// 5 s monitor loop each node is looked at again exactly when its heartbeat would go stale or its next pod
/// eviction falls due. Upstream's per-zone eviction rate limiting is not implemented.
/// </summary>
internal sealed class NodeLifecycleController : QueueController
{
    /// <summary>The namespace of the kubelets' heartbeat Leases.</summary>
    public const string LeaseNamespace = "kube-node-lease";

    private readonly ResourceClient<Node> _nodes;
    private readonly ResourceClient<Pod> _pods;
    private readonly InformerCache<Node> _nodeCache;
    private readonly InformerCache<Lease> _leaseCache;
    private readonly InformerCache<Pod> _podCache;
    private readonly EventRecorder _events;
    private readonly TimeSpan _gracePeriod;

    public NodeLifecycleController(KubeClient client, SharedInformerFactory informers, TimeSpan gracePeriod, TimeProvider time, ILoggerFactory logs)
        : base("nodelifecycle", time, logs.CreateLogger<NodeLifecycleController>())
    {
        _gracePeriod = gracePeriod;
        _nodes = client.Resource<Node>();
        _pods = client.Resource<Pod>();
        _events = new EventRecorder(client, "node-controller", time, Logger);
        var nodes = informers.GetInformer<Node>();
        var leases = informers.GetInformer<Lease>();
        var pods = informers.GetInformer<Pod>();
        _nodeCache = nodes.Cache;
        _leaseCache = leases.Cache;
        _podCache = pods.Cache;
        nodes.AddEventHandler(new ResourceEventHandler<Node>
        {
            Added = (node, _) => Enqueue(node),
            Updated = (_, node) => Enqueue(node),
        });
        leases.AddEventHandler(new ResourceEventHandler<Lease>
        {
            Added = (lease, _) => LeaseChanged(lease),
            Updated = (_, lease) => LeaseChanged(lease),
        });
        pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            Added = (pod, _) => PodChanged(pod),
            Updated = (_, pod) => PodChanged(pod),
        });
    }

    private void LeaseChanged(Lease lease)
    {
        if (lease.Metadata?.Namespace == LeaseNamespace && lease.Metadata.Name is { } node)
        {
            Queue.Add(node);
        }
    }

    private void PodChanged(Pod pod)
    {
        if (pod.Spec?.NodeName is { Length: > 0 } node && pod.Metadata?.DeletionTimestamp is null)
        {
            Queue.Add(node);
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var node = _nodeCache.Get(null, key);
        if (node is null)
        {
            return;
        }

        var now = Time.GetUtcNow();
        var renewed = _leaseCache.Get(LeaseNamespace, key)?.Spec?.RenewTime;
        var wasReady = ReadyStatus(node);
        if (NodeHealth.Reconcile(node, renewed, now, _gracePeriod) is { } updated)
        {
            node = await WriteAsync(node, updated, cancellationToken).ConfigureAwait(false);
            if (wasReady == ConditionStatuses.True && ReadyStatus(node) != ConditionStatuses.True)
            {
                _events.Record(node, EventRecorder.Normal, "NodeNotReady", $"Node {key} status is now: NodeNotReady");
            }
        }

        var pods = _podCache.ByIndex(Indexers.NodeName, key).Where(p => p.Metadata?.DeletionTimestamp is null && p.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed)).ToList();
        if (ReadyStatus(node) != ConditionStatuses.True)
        {
            await MarkPodsNotReadyAsync(pods, now, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset? next = NodeHealth.LastHeartbeat(node, renewed) is { } heartbeat && ReadyStatus(node) != ConditionStatuses.Unknown ? heartbeat + _gracePeriod : null;
        foreach (var pod in pods)
        {
            if (TaintEviction.EvictAt(pod, node.Spec?.Taints, now) is not { } at)
            {
                continue;
            }

            if (at <= now)
            {
                await EvictAsync(pod, cancellationToken).ConfigureAwait(false);
            }
            else if (next is null || at < next)
            {
                next = at;
            }
        }

        if (next is { } due)
        {
            // A tick past the deadline, so the next sync sees it expired rather than just due.
            Queue.AddAfter(key, due - now + TimeSpan.FromMilliseconds(1));
        }
    }

    private static string? ReadyStatus(Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == NodeConditionTypes.Ready)?.Status;

    // Conditions live in the status subresource and taints in the spec: two writes, the second on the first's result.
    private async Task<Node> WriteAsync(Node node, Node updated, CancellationToken cancellationToken)
    {
        var written = Api.Serialization.KubeJson.SerializeToString(node.Status) == Api.Serialization.KubeJson.SerializeToString(updated.Status)
            ? node
            : await _nodes.UpdateStatusAsync(Objects.Copy(updated), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Api.Serialization.KubeJson.SerializeToString(written.Spec?.Taints ?? []) == Api.Serialization.KubeJson.SerializeToString(updated.Spec?.Taints ?? []))
        {
            return written;
        }

        var copy = Objects.Copy(written);
        (copy.Spec ??= new NodeSpec()).Taints = updated.Spec?.Taints;
        return await _nodes.UpdateAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // Upstream's MarkPodsNotReady: the pods of a node that stopped reporting are no longer Ready, so
    // endpoints stop sending them traffic before they are evicted.
    private async Task MarkPodsNotReadyAsync(List<Pod> pods, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var pod in pods)
        {
            var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == PodConditionTypes.Ready);
            if (ready is null || ready.Status == ConditionStatuses.False)
            {
                continue;
            }

            var copy = Objects.Copy(pod);
            var condition = copy.Status!.Conditions!.First(c => c.Type == PodConditionTypes.Ready);
            condition.Status = ConditionStatuses.False;
            condition.LastTransitionTime = now;
            try
            {
                await _pods.UpdateStatusAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException exception) when (exception.IsNotFound)
            {
                // Deleted meanwhile.
            }
        }
    }

    private async Task EvictAsync(Pod pod, CancellationToken cancellationToken)
    {
        _events.Record(pod, EventRecorder.Normal, "TaintManagerEviction", $"Marking for deletion Pod {pod.Metadata!.Namespace}/{pod.Metadata.Name}");
        try
        {
            await _pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!, new DeleteOptions { Preconditions = new Preconditions { Uid = pod.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException exception) when (exception.IsNotFound || exception.IsConflict)
        {
            // Gone, or replaced by a pod of the same name that this decision was not about.
        }
    }
}
