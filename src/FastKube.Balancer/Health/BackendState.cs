using System.Net;
using FastKube.Balancer.Configuration;

namespace FastKube.Balancer.Health;

/// <summary>
/// One backend of one frontend as it lives across snapshots: passive health, draining and the counters the
/// metrics render. Snapshots hold references to it, so a swap neither resets counters nor forgets an ejection.
/// </summary>
internal sealed class BackendState(string frontend, IPEndPoint endpoint)
{
    private int _consecutiveFailures;
    private int _ejectionStreak;
    private long _ejectedUntil;
    private long _drainDeadline;

    public string Frontend { get; } = frontend;

    public IPEndPoint Endpoint { get; } = endpoint;

    public string Label { get; } = endpoint.ToString();

    // Counters (Interlocked); BytesIn is client → backend, BytesOut backend → client.
    public long Active;
    public long Total;
    public long BytesIn;
    public long BytesOut;
    public long ConnectErrors;
    public long Ejections;

    public bool IsEjected(long now) => now < Volatile.Read(ref _ejectedUntil);

    public bool IsDraining => Volatile.Read(ref _drainDeadline) != 0;

    /// <summary>True once a drain deadline has passed: the sweep closes the connections still open.</summary>
    public bool DrainExpired(long now)
    {
        var deadline = Volatile.Read(ref _drainDeadline);
        return deadline != 0 && now >= deadline;
    }

    public void StartDraining(long deadline) => Interlocked.CompareExchange(ref _drainDeadline, Math.Max(deadline, 1), 0);

    public void StopDraining() => Volatile.Write(ref _drainDeadline, 0);

    public void ConnectSucceeded()
    {
        if (Volatile.Read(ref _consecutiveFailures) != 0 || Volatile.Read(ref _ejectionStreak) != 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
            Volatile.Write(ref _ejectionStreak, 0);
        }
    }

    /// <summary>Counts a failed connect; returns true when this failure ejected the backend.</summary>
    public bool ConnectFailed(long now, HealthOptions health, Clock clock)
    {
        Interlocked.Increment(ref ConnectErrors);
        if (Interlocked.Increment(ref _consecutiveFailures) < health.FailureThreshold)
        {
            return false;
        }

        lock (this)
        {
            if (_consecutiveFailures < health.FailureThreshold || IsEjected(now))
            {
                return false;
            }

            var streak = Math.Min(_ejectionStreak, 16);
            var backoff = Math.Min(clock.Ticks(health.Backoff) << streak, clock.Ticks(health.MaxBackoff));
            _ejectionStreak++;
            _consecutiveFailures = 0;
            Volatile.Write(ref _ejectedUntil, now + backoff);
            Interlocked.Increment(ref Ejections);
            return true;
        }
    }
}
