using System.Threading.Channels;
using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using Microsoft.Extensions.Logging;

namespace FastKube.Client.Events;

/// <summary>
/// Writes core/v1 Events about objects, as client-go's recorder does for every component: type Normal or
/// Warning, a CamelCase reason, a message, the reporting component. Writes run in the background so a
/// controller or scheduler never waits on them; a failed write is logged and dropped (events are best effort).
/// As client-go's EventSourceObjectSpamFilter, each (component, involved object) may write a burst of 25 events,
/// then one per 5 minutes: a ReplicaSet creating 10,000 pods records 25 SuccessfulCreate events, not 10,000
/// extra writes competing with the pod creates. As client-go's broadcaster, admitted events wait in a queue of
/// <see cref="MaxQueuedEvents"/> written one at a time, and an event that finds the queue full is dropped: a
/// burst (a scheduler binding thousands of pods a second) costs at most one event write at a time.
/// </summary>
public sealed class EventRecorder(KubeClient client, string component, TimeProvider time, ILogger logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    /// <summary>client-go's maxQueuedEvents.</summary>
    public const int MaxQueuedEvents = 1000;

    /// <summary>client-go's defaultSpamBurst.</summary>
    public const int SpamBurst = 25;

    /// <summary>client-go's defaultSpamQPS: one event per 5 minutes once the burst is spent.</summary>
    public static readonly TimeSpan SpamRefill = TimeSpan.FromMinutes(5);

    // client-go keeps 4096 sources in an LRU; forgetting them all at that size only ever lets more events through.
    private const int MaxSpamKeys = 4096;

    private readonly ResourceClient<Event> _events = client.Resource<Event>();
    private readonly Channel<Event> _queue = Channel.CreateBounded<Event>(new BoundedChannelOptions(MaxQueuedEvents) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _spam = new(StringComparer.Ordinal);
    private int _writing;

    /// <summary>Events dropped by the spam filter so far.</summary>
    public long Dropped { get; private set; }

    public void Record(KubeObject involved, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var now = time.GetUtcNow();
        var meta = involved.Metadata ?? new ObjectMeta();

        // Objects from list responses carry no kind of their own; the registry knows it from the type.
        var (kind, apiVersion) = KubeTypes.TryGetByType(involved.GetType(), out var info) ? (info.Kind, info.ApiVersion) : (involved.Kind, involved.ApiVersion);
        if (!Admit($"{kind}/{meta.Namespace}/{meta.Name}/{meta.Uid}", now))
        {
            return;
        }

        var ev = new Event
        {
            Metadata = new ObjectMeta { GenerateName = meta.Name + ".", Namespace = string.IsNullOrEmpty(meta.Namespace) ? "default" : meta.Namespace },
            InvolvedObject = new ObjectReference { Kind = kind, ApiVersion = apiVersion, Namespace = meta.Namespace, Name = meta.Name, Uid = meta.Uid, ResourceVersion = meta.ResourceVersion },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = component },
            ReportingComponent = component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        _queue.Writer.TryWrite(ev);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteAsync);
        }
    }

    private async Task WriteAsync()
    {
        await foreach (var ev in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _events.CreateAsync(ev).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is KubeApiException or HttpRequestException or TimeoutException)
            {
                logger.LogWarning("{Component}: event {Reason} for {Name} not recorded: {Message}", component, ev.Reason, ev.InvolvedObject?.Name, exception.Message);
            }
        }
    }

    private bool Admit(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_spam.Count >= MaxSpamKeys && !_spam.ContainsKey(key))
            {
                _spam.Clear();
            }

            var (tokens, at) = _spam.TryGetValue(key, out var bucket) ? bucket : (SpamBurst, now);
            tokens = Math.Min(SpamBurst, tokens + ((now - at) / SpamRefill));
            if (tokens < 1)
            {
                _spam[key] = (tokens, now);
                Dropped++;
                return false;
            }

            _spam[key] = (tokens - 1, now);
            return true;
        }
    }
}
