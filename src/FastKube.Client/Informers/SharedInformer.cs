using FastKube.Api.Meta;
using Microsoft.Extensions.Logging;

namespace FastKube.Client.Informers;

/// <summary>
/// Keeps a local, indexed copy of one kind (client-go's SharedIndexInformer): lists, then watches over
/// MessagePack with bookmarks, resumes from the last resourceVersion after a broken watch (with backoff), lists
/// again after 410 Gone, and feeds every registered handler through its own queue. One informer serves any
/// number of consumers; get it from a <see cref="SharedInformerFactory"/> so a process has one watch per kind.
/// </summary>
public sealed partial class SharedInformer<T>
    where T : KubeObject
{
    private readonly Lock _gate = new();
    private readonly ResourceClient<T> _client;
    private readonly ILogger _logger;
    private readonly List<EventHandlerRegistration<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    public SharedInformer(ResourceClient<T> client, InformerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Options = options ?? InformerOptions.Default;
        _logger = Options.LoggerFactory.CreateLogger<SharedInformer<T>>();
    }

    public InformerOptions Options { get; }

    /// <summary>The indexed store. Readable at any time; complete once <see cref="HasSynced"/>.</summary>
    public InformerCache<T> Cache { get; } = new();

    /// <summary>True once the first list is in the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion of the last list, event or bookmark applied.</summary>
    public string LastSyncResourceVersion { get; private set; } = "";

    /// <summary>How many watch requests this informer has started (one per reconnect); diagnostics and tests.</summary>
    public int WatchesStarted => _watchesStarted;

    /// <summary>How many full lists this informer has done (the first, then one per 410 Gone).</summary>
    public int Lists => _lists;

    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>
    /// Registers a handler. One added after the informer synced first gets every cached object as an add
    /// (isInInitialList = true), then live events, in order.
    /// </summary>
    public EventHandlerRegistration<T> AddEventHandler(IResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var registration = new EventHandlerRegistration<T>(handler, _logger, Remove);
        lock (_gate)
        {
            if (HasSynced)
            {
                foreach (var obj in Cache.List())
                {
                    registration.Enqueue(EventHandlerRegistration<T>.Kind.InitialAdd, null, obj);
                }

                registration.Enqueue(EventHandlerRegistration<T>.Kind.Synced, null, null);
            }

            _handlers.Add(registration);
        }

        return registration;
    }

    /// <summary>Adds an index to <see cref="Cache"/>; see <see cref="InformerCache{T}.AddIndexer"/>.</summary>
    public void AddIndexer(string name, Func<T, IEnumerable<string>> index) => Cache.AddIndexer(name, index);

    /// <summary>Completes when the first list is in the cache; throws if <paramref name="cancellationToken"/> fires first.</summary>
    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken = default) =>
        _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> fires. An informer runs once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"the {_client.Info.Resource} informer is already running");
        }

        try
        {
            await ListAndWatchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                foreach (var handler in _handlers)
                {
                    handler.Complete();
                }
            }
        }
    }

    private void Remove(EventHandlerRegistration<T> registration)
    {
        lock (_gate)
        {
            _handlers.Remove(registration);
        }
    }

    private void Notify(EventHandlerRegistration<T>.Kind kind, T? oldObj, T? newObj)
    {
        foreach (var handler in _handlers)
        {
            handler.Enqueue(kind, oldObj, newObj);
        }
    }
}
