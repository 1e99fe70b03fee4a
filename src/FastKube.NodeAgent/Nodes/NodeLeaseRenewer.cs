using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Kubelet;
using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Nodes;

/// <summary>
/// The node heartbeat: a coordination.k8s.io/v1 Lease named after the node in kube-node-lease, owned by the
/// Node, holder the node, renewed every quarter of nodeLeaseDurationSeconds (upstream's nodelease controller).
/// </summary>
internal sealed class NodeLeaseRenewer(KubeClient client, KubeletConfiguration config, TimeProvider time, ILogger logger)
{
    public const string Namespace = "kube-node-lease";

    private readonly ResourceClient<Lease> _leases = client.Resource<Lease>();
    private readonly string _name = config.EffectiveNodeName;
    private Lease? _lease;

    /// <summary>Creates or renews the lease once.</summary>
    public async Task RenewAsync(Node node, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        _lease ??= await _leases.TryGetAsync(Namespace, _name, ct).ConfigureAwait(false);
        if (_lease is null)
        {
            _lease = await _leases.CreateAsync(new Lease
            {
                Metadata = new ObjectMeta
                {
                    Name = _name,
                    Namespace = Namespace,
                    OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = _name, Uid = node.Metadata?.Uid }],
                },
                Spec = new LeaseSpec { HolderIdentity = _name, LeaseDurationSeconds = config.NodeLeaseDurationSeconds, RenewTime = now },
            }, cancellationToken: ct).ConfigureAwait(false);
            return;
        }

        _lease.Spec ??= new LeaseSpec();
        _lease.Spec.HolderIdentity = _name;
        _lease.Spec.LeaseDurationSeconds = config.NodeLeaseDurationSeconds;
        _lease.Spec.RenewTime = now;
        if (_lease.Metadata is { } meta && (meta.OwnerReferences is null || meta.OwnerReferences.Count == 0))
        {
            meta.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = _name, Uid = node.Metadata?.Uid }];
        }

        try
        {
            _lease = await _leases.UpdateAsync(_lease, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsConflict || e.IsNotFound)
        {
            // Someone else wrote it (or deleted it): read it again next time.
            _lease = null;
            throw;
        }
    }

    public async Task RunAsync(Func<Node?> node, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(config.LeaseRenewInterval, time, ct).ConfigureAwait(false);
            try
            {
                if (node() is { } current)
                {
                    await RenewAsync(current, ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                KubeletLog.LeaseFailed(logger, e, _name);
            }
        }
    }
}
