using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace FastKube.ApiServer.Metrics;

/// <summary>
/// The API server's metrics under upstream's names, served at <c>/metrics</c> in the Prometheus text
/// format (version 0.0.4): <c>apiserver_request_total{verb,resource,code}</c>,
/// <c>apiserver_request_duration_seconds{verb,resource}</c> (watches excluded: they last as long as the
/// client wants, upstream excludes them from its latency SLO too) and
/// <c>apiserver_registered_watchers{resource}</c>.
/// </summary>
internal sealed class ApiMetrics
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Upstream's buckets for apiserver_request_duration_seconds.
    private static readonly double[] DurationBounds = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

    private readonly ConcurrentDictionary<(string Verb, string Resource, int Code), long> _requests = new();
    private readonly ConcurrentDictionary<(string Verb, string Resource), Histogram> _durations = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _watchers = new(StringComparer.Ordinal);

    public void Request(string verb, string resource, int code, TimeSpan duration)
    {
        _requests.AddOrUpdate((Upper(verb), resource, code), 1, static (_, n) => n + 1);
        if (verb != "watch")
        {
            _durations.GetOrAdd((Upper(verb), resource), static _ => new Histogram(DurationBounds)).Observe(duration);
        }
    }

    /// <summary>Counts a watch for as long as the returned handle is not disposed.</summary>
    public IDisposable Watcher(string resource)
    {
        var count = _watchers.GetOrAdd(resource, static _ => new StrongBox<long>());
        Interlocked.Increment(ref count.Value);
        return new Release(count);
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, resource and HTTP response code.\n");
        text.Append("# TYPE apiserver_request_total counter\n");
        foreach (var ((verb, resource, code), count) in _requests.OrderBy(r => r.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"apiserver_request_total{{code=\"{code}\",resource=\"{resource}\",verb=\"{verb}\"}} {count}\n");
        }

        text.Append("# HELP apiserver_request_duration_seconds Response latency distribution in seconds for each verb and resource.\n");
        text.Append("# TYPE apiserver_request_duration_seconds histogram\n");
        foreach (var ((verb, resource), histogram) in _durations.OrderBy(d => d.Key))
        {
            histogram.WriteTo(text, "apiserver_request_duration_seconds", $"resource=\"{resource}\",verb=\"{verb}\"");
        }

        text.Append("# HELP apiserver_registered_watchers Number of currently registered watchers for a given resource.\n");
        text.Append("# TYPE apiserver_registered_watchers gauge\n");
        foreach (var (resource, count) in _watchers.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"apiserver_registered_watchers{{resource=\"{resource}\"}} {Volatile.Read(ref count.Value)}\n");
        }

        return text.ToString();
    }

    // Upstream reports verbs upper-case (GET, LIST, WATCH, CREATE, ...).
    private static string Upper(string verb) => verb.ToUpperInvariant();

    private sealed class Release(StrongBox<long> count) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref count.Value);
            }
        }
    }
}
