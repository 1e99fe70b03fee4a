using System.Diagnostics;

namespace FastKube.Bench;

/// <summary>
/// Per update (indexed by its store revision): when the store acknowledged it, how many watchers have
/// received it and when the last one did. Lock-free: watcher streams report concurrently.
/// </summary>
internal sealed class DeliveryTracker(long baseRevision, int updates)
{
    private readonly long[] _acknowledged = new long[updates];
    private readonly long[] _lastArrival = new long[updates];
    private readonly int[] _arrivals = new int[updates];
    private int _ended;

    /// <summary>Watches the server ended before the bench stopped them.</summary>
    public int EndedWatches => Volatile.Read(ref _ended);

    public void Ended() => Interlocked.Increment(ref _ended);

    public void Acknowledged(long revision, long timestamp)
    {
        if (Index(revision) is var i && i >= 0)
        {
            Volatile.Write(ref _acknowledged[i], timestamp);
        }
    }

    public void Delivered(long revision, long timestamp)
    {
        var i = Index(revision);
        if (i < 0)
        {
            return;
        }

        Interlocked.Increment(ref _arrivals[i]);
        long seen;
        while ((seen = Volatile.Read(ref _lastArrival[i])) < timestamp && Interlocked.CompareExchange(ref _lastArrival[i], timestamp, seen) != seen)
        {
        }
    }

    /// <summary>Waits until every update reached <paramref name="recipients"/> watchers, or the timeout.</summary>
    public async Task WaitForDeliveriesAsync(int recipients, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout && _arrivals.Any(a => Volatile.Read(ref a) < recipients))
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sorted latencies (ms) of the updates every recipient got, and how many did not reach all. If none
    /// did (the server closed a watcher every update goes to, e.g. as too slow on an overloaded machine),
    /// the latencies are those of the watchers that got them, and the count says so.
    /// </summary>
    public (List<double> Sorted, int Incomplete) Latencies(int recipients)
    {
        var complete = Collect(recipients);
        var incomplete = updates - complete.Count;
        var latencies = complete.Count > 0 ? complete : Collect(1);
        latencies.Sort();
        return (latencies, incomplete);
    }

    private List<double> Collect(int recipients)
    {
        var latencies = new List<double>(updates);
        for (var i = 0; i < updates; i++)
        {
            if (_arrivals[i] >= recipients && _acknowledged[i] != 0)
            {
                // A frame can arrive before the writer resumes after its acknowledgement: that counts as zero.
                latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(_acknowledged[i], _lastArrival[i]).TotalMilliseconds));
            }
        }

        return latencies;
    }

    private int Index(long revision)
    {
        var i = revision - baseRevision - 1;
        return i >= 0 && i < updates ? (int)i : -1;
    }
}
