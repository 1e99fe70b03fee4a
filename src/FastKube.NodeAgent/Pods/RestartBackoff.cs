using FastKube.Api.Meta;
using FastKube.NodeAgent.Configuration;

namespace FastKube.NodeAgent.Pods;

/// <summary>
/// Per-container crash backoff as upstream's kubelet (flowcontrol.Backoff with 10 s initial, 5 min cap):
/// the first restart after an exit is immediate and arms 10 s; each further restart doubles it; a container
/// is held back while less than the current delay has passed since it exited. An entry idle for twice the
/// cap starts over at 10 s.
/// </summary>
internal sealed class RestartBackoff(TimeProvider time)
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, (TimeSpan Delay, DateTimeOffset LastUpdate)> _entries = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public static string Key(string podUid, string containerName) => podUid + "/" + containerName;

    /// <summary>True while the container that exited at <paramref name="finishedAt"/> must still wait; gives the delay and what is left.</summary>
    public bool IsInBackOff(string key, DateTimeOffset finishedAt, out TimeSpan delay, out TimeSpan remaining)
    {
        lock (_lock)
        {
            delay = remaining = TimeSpan.Zero;
            if (!_entries.TryGetValue(key, out var entry))
            {
                return false;
            }

            delay = entry.Delay;
            var elapsed = time.GetUtcNow() - finishedAt;
            remaining = entry.Delay - elapsed;
            return remaining > TimeSpan.Zero;
        }
    }

    /// <summary>Records a restart: arms the initial delay, or doubles the current one up to the cap.</summary>
    public void Next(string key)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var delay = _entries.TryGetValue(key, out var entry) && now - entry.LastUpdate <= 2 * Max
                ? TimeSpan.FromTicks(Math.Min(entry.Delay.Ticks * 2, Max.Ticks))
                : Initial;
            _entries[key] = (delay, now);
        }
    }

    /// <summary>Drops every entry of a pod once it is gone.</summary>
    public void ForgetPod(string podUid)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => k.StartsWith(podUid + "/", StringComparison.Ordinal)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>Upstream's CrashLoopBackOff message: "back-off 20s restarting failed container=app pod=web_default(uid)".</summary>
    public static string Message(TimeSpan delay, string containerName, string podName, string podNamespace, string podUid) =>
        $"back-off {GoDuration.Format(delay)} restarting failed container={containerName} pod={podName}_{podNamespace}({podUid})";
}
