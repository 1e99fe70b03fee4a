using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Validation;
using FastKube.ApiServer.Caching;
using FastKube.ApiServer.Metrics;
using FastKube.ApiServer.Registry;
using FastKube.ApiServer.Tests.Caching;
using FastKube.Storage.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.ApiServer.Tests.Registry;

/// <summary>The registry's list and watch paths over a watch cache fed by a real (in-memory) store.</summary>
public sealed class ResourceStorageCacheTests : IAsyncLifetime
{
    private readonly InMemoryStore _store = new();
    private readonly CacheProgress _progress = new();
    private WatchCache _cache = null!;
    private ResourceStorage _pods = null!;
    private ResourceStorage _configMaps = null!;
    private CacheFeed? _feed;

    public Task InitializeAsync()
    {
        _cache = Cache("pods", TimeSpan.FromSeconds(30));
        _pods = Storage(_cache);
        _configMaps = Storage(Cache("configmaps", TimeSpan.FromSeconds(30)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_feed is not null)
        {
            await _feed.DisposeAsync();
        }

        await _store.DisposeAsync();
    }

    private WatchCache Cache(string resource, TimeSpan freshness)
    {
        Assert.True(KubeTypes.TryGetByResource("", "v1", resource, out var info));
        return new WatchCache(info, new WatchCacheOptions(FreshnessTimeout: freshness), _progress, new ApiMetrics(), NullLogger.Instance);
    }

    private ResourceStorage Storage(WatchCache cache) =>
        new(cache.Info, _store, static (_, _) => new FieldErrorList(), TimeProvider.System, new Random(1), cache);

    private async Task StartFeedAsync(params WatchCache[] caches) =>
        _feed = await CacheFeed.StartAsync(_store, caches, _progress, NullLogger.Instance, CancellationToken.None);

    private Task<ObjectResult> CreatePod(string name) =>
        _pods.CreateAsync(CacheBuilder.NewPod(name), "default", dryRun: false, CancellationToken.None).AsTask();

    [Fact]
    public async Task List_ConsistentRead_SeesEveryAcknowledgedWrite()
    {
        await StartFeedAsync(_cache);
        for (var i = 0; i < 20; i++)
        {
            await CreatePod($"p{i}");
            var list = await _pods.ListAsync("default", ListOptions.Everything, CancellationToken.None);

            Assert.NotNull(list.Cached); // served by the cache...
            Assert.Equal(i + 1, list.Items.Count); // ...after it caught up with the write just acknowledged
        }
    }

    [Fact]
    public async Task List_ConsistentReadAfterAnotherResourceWrite_IsServedFromTheCache()
    {
        var configMaps = _configMaps.Cache!;
        await StartFeedAsync(_cache, configMaps);
        await CreatePod("p");
        await _configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "c" } }, "default", false, CancellationToken.None);

        var list = await _pods.ListAsync("default", ListOptions.Everything, CancellationToken.None);

        Assert.NotNull(list.Cached);
        Assert.Equal(_store.CurrentRevision, list.Revision);
    }

    [Fact]
    public async Task List_CacheBehindTheStore_ResourceVersion0ServesTheCacheAndConsistentReadFallsBack()
    {
        var stale = Cache("pods", TimeSpan.FromMilliseconds(20));
        var pods = Storage(stale);
        stale.Reset([], _store.CurrentRevision);
        _progress.Advance(_store.CurrentRevision);
        await pods.CreateAsync(CacheBuilder.NewPod("late"), "default", false, CancellationToken.None); // no feed: the cache never sees it

        var any = await pods.ListAsync("default", ListOptions.Everything with { ResourceVersion = "0" }, CancellationToken.None);
        var consistent = await pods.ListAsync("default", ListOptions.Everything, CancellationToken.None);

        Assert.NotNull(any.Cached);
        Assert.Empty(any.Items);
        Assert.Null(consistent.Cached);
        Assert.Equal("late", Assert.Single(consistent.Items).Metadata!.Name);
    }

    [Fact]
    public async Task List_PagesFromCache_ContinueTokenWorksAndExactRevisionUsesTheStore()
    {
        await StartFeedAsync(_cache);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await CreatePod(name);
        }

        var first = await _pods.ListAsync("default", ListOptions.Everything with { Limit = 2 }, CancellationToken.None);
        var second = await _pods.ListAsync("default", ListOptions.Everything with { Limit = 2, Continue = first.Continue }, CancellationToken.None);
        var exact = await _pods.ListAsync("default", ListOptions.Everything with { ResourceVersion = first.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), ResourceVersionMatch = "Exact" }, CancellationToken.None);

        Assert.Equal(["a", "b"], first.Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["c"], second.Items.Select(p => p.Metadata!.Name));
        Assert.Null(second.Continue);
        Assert.NotNull(second.Cached);
        Assert.Null(exact.Cached);
        Assert.Equal(3, exact.Items.Count);
    }

    [Fact]
    public async Task Watch_ResourceVersionAheadOfTheCache_Returns504AfterTheWait()
    {
        var stale = Cache("pods", TimeSpan.FromMilliseconds(20));
        stale.Reset([], _store.CurrentRevision);

        var (watcher, error) = await Storage(stale).WatchAsync("default", ListOptions.Everything with { ResourceVersion = "1000" }, WatchEncoding.Json, CancellationToken.None);

        Assert.Null(watcher);
        Assert.Equal(504, error!.Code);
    }

    [Fact]
    public async Task Watch_FromAcknowledgedWrite_ReceivesLaterWrites()
    {
        await StartFeedAsync(_cache);
        var created = await CreatePod("a");
        var (watcher, _) = await _pods.WatchAsync("default", ListOptions.Everything with { ResourceVersion = created.Object!.Metadata!.ResourceVersion }, WatchEncoding.MsgPack, CancellationToken.None);
        using var registration = watcher!;
        await CreatePod("b");

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var e = await watcher!.Events.ReadAsync(deadline.Token);

        Assert.Empty(watcher.Initial);
        Assert.Equal(("ADDED", "b"), (e.Type, e.Object.Object.Metadata!.Name));
    }
}
