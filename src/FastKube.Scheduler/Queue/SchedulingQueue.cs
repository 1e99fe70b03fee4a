using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Queue;

/// <summary>
/// Upstream's PriorityQueue: activeQ ordered by priority (higher first) then queue timestamp (older
/// first); backoffQ ordered by backoff expiry, where a pod waits initial × 2^(attempts−1) capped at the
/// max (defaults 1 s and 10 s); and the unschedulable pool, left on a cluster event one of the rejecting
/// plugins cares about or after 5 minutes. Time comes from the injected <see cref="TimeProvider"/>; the
/// owner calls <see cref="Flush"/> (the scheduler does so before every pop) instead of timers, so tests
/// drive it by moving a manual clock. Heaps use lazy deletion: an entry whose version no longer matches
/// the pod's is skipped. Not thread-safe: the scheduler serializes access.
/// </summary>
internal sealed class SchedulingQueue
{
    /// <summary>Upstream's podMaxInUnschedulablePodsDuration.</summary>
    public static readonly TimeSpan MaxUnschedulableDuration = TimeSpan.FromMinutes(5);

    /// <summary>Upstream checks the unschedulable pool for stale pods every 30 s.</summary>
    public static readonly TimeSpan UnschedulableFlushInterval = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly TimeSpan _initialBackoff;
    private readonly TimeSpan _maxBackoff;
    private readonly Dictionary<string, QueuedPod> _pods = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(QueuedPod Pod, long Version), (int Priority, long Ticks, long Sequence)> _active = new(ActiveOrder.Instance);
    private readonly PriorityQueue<(QueuedPod Pod, long Version), (long Expiry, long Sequence)> _backoff = new();
    private readonly Dictionary<string, QueuedPod> _unschedulable = new(StringComparer.Ordinal);
    private long _sequence;
    private long _schedulingCycle;
    private long _moveRequestCycle = -1;
    private DateTimeOffset _lastUnschedulableFlush;

    public SchedulingQueue(TimeProvider time, TimeSpan initialBackoff, TimeSpan maxBackoff)
    {
        _time = time;
        _initialBackoff = initialBackoff;
        _maxBackoff = maxBackoff;
        _lastUnschedulableFlush = time.GetUtcNow();
    }

    public int ActiveCount { get; private set; }

    public int BackoffCount { get; private set; }

    public int UnschedulableCount => _unschedulable.Count;

    /// <summary>Incremented on every pop: a move request during a cycle sends its failed pod to backoff, not the pool.</summary>
    public long SchedulingCycle => _schedulingCycle;

    public bool TryGet(string key, out QueuedPod pod) => _pods.TryGetValue(key, out pod!);

    /// <summary>A new pending pod (or one no longer gated): straight to activeQ.</summary>
    public void Add(QueuedPod pod)
    {
        _pods[pod.Key] = pod;
        pod.Timestamp = _time.GetUtcNow();
        MoveToActive(pod);
    }

    /// <summary>
    /// The pending pod object changed. Upstream: an unschedulable pod whose spec changed is retried at
    /// once (or after its backoff); in the heaps only the object is replaced.
    /// </summary>
    public void Update(QueuedPod pod, bool specChanged)
    {
        if (pod.Location == QueueLocation.Unschedulable && specChanged)
        {
            _unschedulable.Remove(pod.Key);
            MoveToActiveOrBackoff(pod, _time.GetUtcNow());
        }
    }

    public void Delete(string key)
    {
        if (_pods.Remove(key, out var pod))
        {
            Leave(pod);
            pod.Location = QueueLocation.None;
        }
    }

    /// <summary>Moves finished backoffs to activeQ and stale unschedulable pods (5 min) to activeQ or backoffQ.</summary>
    public void Flush()
    {
        var now = _time.GetUtcNow();
        while (_backoff.TryPeek(out var entry, out var order) && order.Expiry <= now.UtcTicks)
        {
            _backoff.Dequeue();
            if (entry.Version == entry.Pod.Version && entry.Pod.Location == QueueLocation.Backoff)
            {
                BackoffCount--;
                MoveToActive(entry.Pod);
            }
        }

        if (now - _lastUnschedulableFlush >= UnschedulableFlushInterval)
        {
            _lastUnschedulableFlush = now;
            foreach (var pod in _unschedulable.Values.Where(p => now - p.UnschedulableSince > MaxUnschedulableDuration).ToArray())
            {
                _unschedulable.Remove(pod.Key);
                MoveToActiveOrBackoff(pod, now);
            }
        }
    }

    /// <summary>The next pod to schedule, or null when activeQ is empty (call <see cref="Flush"/> first).</summary>
    public QueuedPod? Pop()
    {
        while (_active.TryDequeue(out var entry, out _))
        {
            if (entry.Version != entry.Pod.Version || entry.Pod.Location != QueueLocation.Active)
            {
                continue;
            }

            ActiveCount--;
            var pod = entry.Pod;
            pod.Location = QueueLocation.InFlight;
            pod.Version++;
            pod.Attempts++;
            _schedulingCycle++;
            return pod;
        }

        return null;
    }

    /// <summary>
    /// A scheduling attempt failed. Unschedulable (a fit error) goes to the pool, unless a cluster event
    /// arrived since it was popped (then backoffQ, as upstream's moveRequestCycle rule); an error goes to backoffQ.
    /// </summary>
    public void AddUnschedulable(QueuedPod pod, ClusterEvents retryOn, bool error, long podCycle)
    {
        if (!_pods.ContainsKey(pod.Key))
        {
            return;
        }

        var now = _time.GetUtcNow();
        pod.RetryOn = error ? ClusterEvents.All : retryOn;
        pod.Timestamp = now;
        if (error || _moveRequestCycle >= podCycle)
        {
            MoveToBackoff(pod);
            return;
        }

        pod.Version++;
        pod.Location = QueueLocation.Unschedulable;
        pod.UnschedulableSince = now;
        _unschedulable[pod.Key] = pod;
    }

    /// <summary>The pod was bound (or assumed and handed to the binder): it leaves the queue.</summary>
    public void Done(string key) => Delete(key);

    /// <summary>A cluster event: unschedulable pods that a plugin interested in it rejected move to activeQ (or backoffQ while backing off).</summary>
    public void OnClusterEvent(ClusterEvents clusterEvent)
    {
        var now = _time.GetUtcNow();
        foreach (var pod in _unschedulable.Values.Where(p => (p.RetryOn & clusterEvent) != 0).ToArray())
        {
            _unschedulable.Remove(pod.Key);
            MoveToActiveOrBackoff(pod, now);
        }

        _moveRequestCycle = _schedulingCycle;
    }

    /// <summary>When the pod's current backoff ends (upstream calculateBackoffDuration: doubling from the initial, capped).</summary>
    public DateTimeOffset BackoffExpiry(QueuedPod pod)
    {
        var duration = _initialBackoff;
        for (var i = 1; i < pod.Attempts; i++)
        {
            if (duration > _maxBackoff - duration)
            {
                duration = _maxBackoff;
                break;
            }

            duration += duration;
        }

        if (duration > _maxBackoff)
        {
            duration = _maxBackoff;
        }

        return pod.Timestamp + duration;
    }

    /// <summary>When the next backoff ends, so the run loop knows how long it may sleep.</summary>
    public DateTimeOffset? NextBackoffExpiry() =>
        _backoff.TryPeek(out _, out var order) ? new DateTimeOffset(order.Expiry, TimeSpan.Zero) : null;

    private void MoveToActiveOrBackoff(QueuedPod pod, DateTimeOffset now)
    {
        if (pod.Attempts > 0 && BackoffExpiry(pod) > now)
        {
            MoveToBackoff(pod);
        }
        else
        {
            MoveToActive(pod);
        }
    }

    private void MoveToActive(QueuedPod pod)
    {
        Leave(pod);
        pod.Version++;
        pod.Location = QueueLocation.Active;
        _active.Enqueue((pod, pod.Version), (pod.Priority, pod.Timestamp.UtcTicks, _sequence++));
        ActiveCount++;
    }

    private void MoveToBackoff(QueuedPod pod)
    {
        Leave(pod);
        pod.Version++;
        pod.Location = QueueLocation.Backoff;
        _backoff.Enqueue((pod, pod.Version), (BackoffExpiry(pod).UtcTicks, _sequence++));
        BackoffCount++;
    }

    private void Leave(QueuedPod pod)
    {
        switch (pod.Location)
        {
            case QueueLocation.Active:
                ActiveCount--;
                break;
            case QueueLocation.Backoff:
                BackoffCount--;
                break;
            case QueueLocation.Unschedulable:
                _unschedulable.Remove(pod.Key);
                break;
        }

        pod.Location = QueueLocation.None;
    }

    /// <summary>Higher priority first, then the older queue timestamp, then arrival order.</summary>
    private sealed class ActiveOrder : IComparer<(int Priority, long Ticks, long Sequence)>
    {
        public static readonly ActiveOrder Instance = new();

        public int Compare((int Priority, long Ticks, long Sequence) x, (int Priority, long Ticks, long Sequence) y)
        {
            var byPriority = y.Priority.CompareTo(x.Priority);
            if (byPriority != 0)
            {
                return byPriority;
            }

            var byTime = x.Ticks.CompareTo(y.Ticks);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
