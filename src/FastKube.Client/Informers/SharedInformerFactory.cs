using FastKube.Api.Meta;

namespace FastKube.Client.Informers;

/// <summary>
/// Hands out one <see cref="SharedInformer{T}"/> per kind, so a process runs one list and one watch per kind
/// however many controllers ask for it (client-go's SharedInformerFactory). The factory's options (namespace,
/// selectors) apply to every informer it makes. <see cref="Start"/> starts every informer asked for so far;
/// informers asked for after it start at once.
/// </summary>
public sealed class SharedInformerFactory : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly KubeClient _client;
    private readonly Dictionary<Type, Entry> _informers = [];
    private readonly CancellationTokenSource _stop = new();
    private CancellationToken? _started;

    public SharedInformerFactory(KubeClient client, InformerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Options = options ?? InformerOptions.Default;
    }

    public InformerOptions Options { get; }

    /// <summary>The informer of <typeparamref name="T"/>, made on first request and shared after.</summary>
    public SharedInformer<T> GetInformer<T>()
        where T : KubeObject
    {
        lock (_gate)
        {
            if (_informers.TryGetValue(typeof(T), out var entry))
            {
                return (SharedInformer<T>)entry.Informer;
            }

            var informer = new SharedInformer<T>(_client.Resource<T>(), Options);
            entry = new Entry(informer, informer.RunAsync, informer.WaitForCacheSyncAsync);
            _informers.Add(typeof(T), entry);
            if (_started is { } token)
            {
                entry.Start(token);
            }

            return informer;
        }
    }

    /// <summary>Starts the informers not running yet; they stop when <paramref name="cancellationToken"/> fires or the factory is disposed.</summary>
    public void Start(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            var token = _started ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token).Token;
            foreach (var entry in _informers.Values)
            {
                entry.Start(token);
            }
        }
    }

    /// <summary>Completes when every informer asked for so far has synced.</summary>
    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.WhenAll(_informers.Values.Select(e => e.WaitForSync(cancellationToken)));
        }
    }

    /// <summary>Stops every informer and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            _stop.Cancel();
            running = _informers.Values.Select(e => e.Running).OfType<Task>().ToArray();
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed class Entry(object informer, Func<CancellationToken, Task> run, Func<CancellationToken, Task> waitForSync)
    {
        public object Informer => informer;

        public Task? Running { get; private set; }

        public Func<CancellationToken, Task> WaitForSync => waitForSync;

        public void Start(CancellationToken token) => Running ??= Task.Run(() => run(token), CancellationToken.None);
    }
}
