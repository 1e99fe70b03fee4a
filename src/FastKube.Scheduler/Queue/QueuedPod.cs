using FastKube.Api.Core;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Queue;

/// <summary>A pending pod with its queue bookkeeping (upstream QueuedPodInfo).</summary>
internal sealed class QueuedPod(string key, Pod pod, int priority, DateTimeOffset now)
{
    public string Key { get; } = key;

    public Pod Pod { get; set; } = pod;

    public int Priority { get; set; } = priority;

    /// <summary>When the pod last entered the queue: PrioritySort's tie-breaker.</summary>
    public DateTimeOffset Timestamp { get; set; } = now;

    public int Attempts { get; set; }

    /// <summary>The events that may make the pod schedulable again (union of its rejecting plugins'); All after an error.</summary>
    public ClusterEvents RetryOn { get; set; } = ClusterEvents.All;

    /// <summary>When the pod entered the unschedulable pool (the 5-minute flush counts from here).</summary>
    public DateTimeOffset UnschedulableSince { get; set; }

    /// <summary>Which sub-queue holds the pod now.</summary>
    public QueueLocation Location { get; set; }

    /// <summary>Bumped on every move so stale heap entries are recognized and skipped.</summary>
    public long Version { get; set; }
}

internal enum QueueLocation
{
    None,
    Active,
    Backoff,
    Unschedulable,
    InFlight,
}
