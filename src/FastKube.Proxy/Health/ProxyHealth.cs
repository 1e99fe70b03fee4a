using System.Globalization;

namespace FastKube.Proxy.Health;

/// <summary>
/// upstream's proxier health: changes are queued (<see cref="QueuedUpdate"/>) and synced
/// (<see cref="Updated"/>); /healthz is 503 once the oldest change still waiting for a sync is older than
/// the health timeout (2 × syncPeriod, as kube-proxy), else 200, with <c>lastUpdated</c> and
/// <c>currentTime</c> in the JSON body either way.
/// </summary>
internal sealed class ProxyHealth(TimeProvider time, TimeSpan timeout)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastUpdated;
    private DateTimeOffset _oldestPending;

    public void QueuedUpdate()
    {
        lock (_gate)
        {
            if (_oldestPending == default)
            {
                _oldestPending = time.GetUtcNow();
            }
        }
    }

    /// <summary>A sync finished successfully (upstream forgets every queued change then; later ones queue again).</summary>
    public void Updated()
    {
        lock (_gate)
        {
            _lastUpdated = time.GetUtcNow();
            _oldestPending = default;
        }
    }

    public bool IsHealthy
    {
        get
        {
            lock (_gate)
            {
                return _oldestPending == default || time.GetUtcNow() - _oldestPending <= timeout;
            }
        }
    }

    public HttpReply Reply()
    {
        DateTimeOffset last;
        lock (_gate)
        {
            last = _lastUpdated;
        }

        var body = string.Create(CultureInfo.InvariantCulture, $"{{\"lastUpdated\": \"{Format(last)}\",\"currentTime\": \"{Format(time.GetUtcNow())}\"}}");
        return new HttpReply(IsHealthy ? 200 : 503, "application/json", body);
    }

    private static string Format(DateTimeOffset value) => value == default ? "" : value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
