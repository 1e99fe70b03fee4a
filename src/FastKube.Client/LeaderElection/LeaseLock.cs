using FastKube.Api.Coordination;
using FastKube.Api.Meta;

namespace FastKube.Client.LeaderElection;

/// <summary>A lease in the API server (coordination.k8s.io/v1 leases), e.g. kube-system/fastkube-controller-manager.</summary>
public sealed class LeaseLock(KubeClient client, string ns, string name) : ILeaseLock
{
    private readonly ResourceClient<Lease> _leases = (client ?? throw new ArgumentNullException(nameof(client))).Resource<Lease>();

    public string Description => $"{ns}/{name}";

    public Task<Lease?> GetAsync(CancellationToken cancellationToken) => _leases.TryGetAsync(ns, name, cancellationToken);

    public Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lease.Metadata ??= new ObjectMeta();
        lease.Metadata.Namespace = ns;
        lease.Metadata.Name = name;
        return _leases.CreateAsync(lease, cancellationToken: cancellationToken);
    }

    public Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken) =>
        _leases.UpdateAsync(lease, cancellationToken: cancellationToken);
}
