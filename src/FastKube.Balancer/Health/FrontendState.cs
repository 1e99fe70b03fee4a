using System.Collections.Concurrent;
using System.Net;

namespace FastKube.Balancer.Health;

/// <summary>A frontend as it lives across snapshots: its connection count (the cap), counters and ClientIP affinity table.</summary>
internal sealed class FrontendState(string name)
{
    public string Name { get; } = name;

    // Counters (Interlocked).
    public long Active;
    public long Accepted;
    public long Rejected;

    public ConcurrentDictionary<IPAddress, AffinityEntry> Affinity { get; } = new();

    /// <summary>Reserves a connection slot under the cap (0 = unlimited); false when full.</summary>
    public bool TryEnter(int max)
    {
        var active = Interlocked.Increment(ref Active);
        if (max > 0 && active > max)
        {
            Interlocked.Decrement(ref Active);
            Interlocked.Increment(ref Rejected);
            return false;
        }

        Interlocked.Increment(ref Accepted);
        return true;
    }

    public void Leave() => Interlocked.Decrement(ref Active);

    /// <summary>Forgets clients idle past the timeout (kube-proxy's userspace mode swept its affinity map the same way).</summary>
    public void ExpireAffinity(long now, long timeoutTicks)
    {
        foreach (var (client, entry) in Affinity)
        {
            if (now - Volatile.Read(ref entry.LastUsed) >= timeoutTicks)
            {
                Affinity.TryRemove(new KeyValuePair<IPAddress, AffinityEntry>(client, entry));
            }
        }
    }
}

/// <summary>A client's sticky backend; updated in place so a returning client costs no allocation.</summary>
internal sealed class AffinityEntry(BackendState backend, long lastUsed)
{
    public BackendState Backend = backend;
    public long LastUsed = lastUsed;
}
