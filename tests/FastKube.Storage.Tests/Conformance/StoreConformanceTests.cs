using System.Text;

namespace FastKube.Storage.Tests.Conformance;

/// <summary>
/// The one suite every <see cref="IStore"/> backend passes (etcd v3 semantics). A backend's test
/// project derives from it and supplies <see cref="CreateStore"/>; the SQLite tests link these files.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    /// <summary>Bounds waits for watch events so a broken backend fails instead of hanging the run.</summary>
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    private readonly List<IStore> stores = [];

    /// <summary>Creates an empty store whose watchers buffer <paramref name="watchCapacity"/> events.</summary>
    protected abstract IStore CreateStore(int watchCapacity);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    protected IStore NewStore(int watchCapacity = 1024)
    {
        var store = CreateStore(watchCapacity);
        stores.Add(store);
        return store;
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(KeyValue? kv) => kv is null ? "<null>" : Encoding.UTF8.GetString(kv.Value.Span);

    protected static async Task<long> PutAsync(IStore store, string key, string value)
    {
        var result = await store.CreateAsync(key, Bytes(value));
        Assert.Equal(StoreStatus.Ok, result.Status);
        return result.Revision;
    }

    /// <summary>Reads exactly <paramref name="count"/> events from a watch.</summary>
    protected static async Task<List<WatchEvent>> TakeAsync(StoreWatch watch, int count)
    {
        using var timeout = new CancellationTokenSource(EventTimeout);
        var events = new List<WatchEvent>(count);
        while (events.Count < count)
        {
            events.Add(await watch.Events.ReadAsync(timeout.Token));
        }

        return events;
    }

    /// <summary>Reads until the watch ends and returns what it delivered.</summary>
    protected static async Task<List<WatchEvent>> DrainAsync(StoreWatch watch)
    {
        using var timeout = new CancellationTokenSource(EventTimeout);
        var events = new List<WatchEvent>();
        await foreach (var e in watch.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(e);
        }

        return events;
    }

    protected static async Task<StoreWatch> WatchAsync(IStore store, KeyRange range, long fromRevision)
    {
        var result = await store.WatchAsync(range, fromRevision);
        Assert.Equal(StoreStatus.Ok, result.Status);
        return result.Watch!;
    }
}
