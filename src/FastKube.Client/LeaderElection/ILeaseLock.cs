using FastKube.Api.Coordination;

namespace FastKube.Client.LeaderElection;

/// <summary>
/// Where the leader record lives: one coordination/v1 Lease, read and compare-and-swapped by resourceVersion.
/// <see cref="LeaseLock"/> is the API server's; tests use an in-memory one (FastKube.Client.Testing).
/// </summary>
public interface ILeaseLock
{
    /// <summary>"namespace/name", for logs.</summary>
    string Description { get; }

    /// <summary>The lease, or null when it does not exist.</summary>
    Task<Lease?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Creates the lease; throws <see cref="KubeApiException"/> (409) when it exists.</summary>
    Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken);

    /// <summary>Replaces the lease if its resourceVersion is current; throws <see cref="KubeApiException"/> (409) otherwise.</summary>
    Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken);
}
