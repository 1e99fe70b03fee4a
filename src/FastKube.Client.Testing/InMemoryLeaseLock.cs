using System.Globalization;
using FastKube.Api.Coordination;
using FastKube.Api.Meta;
using FastKube.Client.LeaderElection;

namespace FastKube.Client.Testing;

/// <summary>
/// One Lease held in memory with the API server's rules: create fails with 409 AlreadyExists when it exists,
/// update fails with 409 Conflict unless the resourceVersion is current. Share one instance between the
/// candidates of a test. Calls complete synchronously. Set <see cref="Failing"/> to make every call throw as a
/// server that cannot be reached would.
/// </summary>
public sealed class InMemoryLeaseLock(string ns = "kube-system", string name = "test-lease") : ILeaseLock
{
    private readonly Lock _gate = new();
    private Lease? _lease;
    private long _version;

    public string Description => $"{ns}/{name}";

    /// <summary>While true, every call throws <see cref="HttpRequestException"/>.</summary>
    public bool Failing { get; set; }

    /// <summary>A copy of the stored lease (null when none).</summary>
    public Lease? Current
    {
        get
        {
            lock (_gate)
            {
                return _lease is null ? null : KubeObjects.DeepCopy(_lease);
            }
        }
    }

    public Task<Lease?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Failing ? Fail<Lease?>() : Current);

    public Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (Failing)
            {
                return Task.FromResult(Fail<Lease>());
            }

            if (_lease is not null)
            {
                throw Refused(StatusReasons.AlreadyExists, $"leases.coordination.k8s.io \"{name}\" already exists");
            }

            return Task.FromResult(Store(lease));
        }
    }

    public Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (Failing)
            {
                return Task.FromResult(Fail<Lease>());
            }

            if (_lease is null || _lease.Metadata!.ResourceVersion != lease.Metadata?.ResourceVersion)
            {
                throw Refused(StatusReasons.Conflict, $"Operation cannot be fulfilled on leases.coordination.k8s.io \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            }

            return Task.FromResult(Store(lease));
        }
    }

    private Lease Store(Lease lease)
    {
        var stored = KubeObjects.DeepCopy(lease);
        stored.Metadata ??= new ObjectMeta();
        stored.Metadata.Namespace = ns;
        stored.Metadata.Name = name;
        stored.Metadata.ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture);
        _lease = stored;
        return KubeObjects.DeepCopy(stored);
    }

    private static KubeApiException Refused(string reason, string message) =>
        new(new Status { Kind = Status.KindName, Outcome = Status.Failure, Code = 409, Reason = reason, Message = message });

    private static T Fail<T>() => throw new HttpRequestException("the lease store is unreachable (InMemoryLeaseLock.Failing)");
}
