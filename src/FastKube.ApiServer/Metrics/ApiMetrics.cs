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
/// <c>apiserver_registered_watchers{resource}</c>; from the watch cache <c>apiserver_watch_events_total{resource}</c>
/// (events queued to watchers), <c>apiserver_terminated_watchers_total{resource}</c> (watchers closed because
/// they could not keep up), <c>apiserver_watch_cache_initializations_total{resource}</c> (more than one means
/// the cache lost its store watch and re-listed; upstream's names) and <c>apiserver_watch_cache_list_duration_seconds{resource}</c>.
/// </summary>
internal sealed class ApiMetrics
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Upstream's buckets for apiserver_request_duration_seconds.
    private static readonly double[] DurationBounds = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

    // Cache lists take microseconds to tens of milliseconds; upstream's request buckets start at 5 ms.
    private static readonly double[] CacheListBounds = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly ConcurrentDictionary<(string Verb, string Resource, int Code), long> _requests = new();
    private readonly ConcurrentDictionary<(string Verb, string Resource), Histogram> _durations = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _watchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _watchEvents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _terminatedWatchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram> _cacheLists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _cacheInitializations = new(StringComparer.Ordinal);

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

    /// <summary>Counts <paramref name="count"/> events queued to watchers of <paramref name="resource"/>.</summary>
    public void WatchEvents(string resource, int count) =>
        Interlocked.Add(ref _watchEvents.GetOrAdd(resource, static _ => new StrongBox<long>()).Value, count);

    /// <summary>Counts a watcher closed because it could not keep up.</summary>
    public void WatcherTerminated(string resource) =>
        Interlocked.Increment(ref _terminatedWatchers.GetOrAdd(resource, static _ => new StrongBox<long>()).Value);

    /// <summary>Counts a (re-)initialization of a resource's watch cache from a store list.</summary>
    public void CacheInitialized(string resource) =>
        Interlocked.Increment(ref _cacheInitializations.GetOrAdd(resource, static _ => new StrongBox<long>()).Value);

    /// <summary>Records the time one list spent in the watch cache.</summary>
    public void CacheList(string resource, TimeSpan duration) =>
        _cacheLists.GetOrAdd(resource, static _ => new Histogram(CacheListBounds)).Observe(duration);

    /// <summary>Watchers of <paramref name="resource"/> closed for being slow so far.</summary>
    public long TerminatedWatchers(string resource) =>
        _terminatedWatchers.TryGetValue(resource, out var count) ? Volatile.Read(ref count.Value) : 0;

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

        Counter(text, "apiserver_watch_events_total", "Number of events sent in watch clients.", _watchEvents);
        Counter(text, "apiserver_terminated_watchers_total", "Counter of watchers closed due to unresponsiveness.", _terminatedWatchers);
        Counter(text, "apiserver_watch_cache_initializations_total", "Counter of watch cache initializations broken by resource type.", _cacheInitializations);
        text.Append("# HELP apiserver_watch_cache_list_duration_seconds Time one list spent in the watch cache.\n");
        text.Append("# TYPE apiserver_watch_cache_list_duration_seconds histogram\n");
        foreach (var (resource, histogram) in _cacheLists.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            histogram.WriteTo(text, "apiserver_watch_cache_list_duration_seconds", $"resource=\"{resource}\"");
        }

        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, ConcurrentDictionary<string, StrongBox<long>> values)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach (var (resource, count) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{resource=\"{resource}\"}} {Volatile.Read(ref count.Value)}\n");
        }
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
