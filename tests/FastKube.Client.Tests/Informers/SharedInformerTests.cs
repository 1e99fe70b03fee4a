using FastKube.ApiServer.Caching;
using System.Text.RegularExpressions;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client.Configuration;
using FastKube.Client.Informers;

namespace FastKube.Client.Tests.Informers;

/// <summary>Informers against the real API server; connection trouble is made by a relay between them.</summary>
public sealed partial class SharedInformerTests : IAsyncLifetime
{
    private static readonly InformerOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) };

    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(3));
    private TestCluster _cluster = null!;
    private LoopbackProxy _proxy = null!;
    private KubeClient _client = null!;

    public async Task InitializeAsync()
    {
        // A small watch-cache window, so a resourceVersion can fall out of it within a test (upstream's cacher
        // answers 410 for versions older than its window, whatever etcd still has).
        _cluster = await TestCluster.StartAsync(o => o with { WatchCache = new WatchCacheOptions(EventCapacity: 8) });
        _proxy = new LoopbackProxy(_cluster.Host.Address);
        var direct = KubeconfigLoader.Load(_cluster.KubeconfigPath);
        _client = new KubeClient(
            new KubeClientConfiguration { Server = _proxy.Address, CertificateAuthorities = direct.CertificateAuthorities, ClientCertificate = direct.ClientCertificate },
            new KubeClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        await _proxy.DisposeAsync();
        await _cluster.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Run_ExistingObjects_InitialAddsThenSynced()
    {
        await Create("a");
        await Create("b");
        var informer = new SharedInformer<ConfigMap>(_client.Resource<ConfigMap>(), Fast);
        var recorder = new Recorder<ConfigMap>();
        var registration = informer.AddEventHandler(recorder);

        _ = informer.RunAsync(_stop.Token);
        await informer.WaitForCacheSyncAsync(_stop.Token);
        await Eventually.True(() => registration.HasSynced, "handler synced");

        Assert.Equal(2, informer.Cache.Count);
        Assert.Equal(["initial a", "initial b"], recorder.Events.Order());
    }

    [Fact]
    public async Task Run_Changes_HandlerSeesAddUpdateDeleteInOrder()
    {
        var informer = await StartedInformer();
        var recorder = new Recorder<ConfigMap>();
        informer.AddEventHandler(recorder);

        var created = await Create("x");
        created.Data = new() { ["k"] = "v" };
        await _client.Resource<ConfigMap>().UpdateAsync(created);
        await _client.Resource<ConfigMap>().DeleteAsync("default", "x");

        await Eventually.True(() => recorder.Events.Count == 3, "three events");
        Assert.Equal(["add x", "update x", "delete x"], recorder.Events);
        Assert.Null(informer.Cache.Get("default", "x"));
    }

    [Fact]
    public async Task AddEventHandler_AfterSync_ReplaysCacheAsInitialAdds()
    {
        await Create("early");
        var informer = await StartedInformer();

        var late = new Recorder<ConfigMap>();
        var registration = informer.AddEventHandler(late);
        await Create("later");

        await Eventually.True(() => late.Events.Count == 2 && registration.HasSynced, "replay and live add");
        Assert.Equal(["initial early", "add later"], late.Events);
    }

    [Fact]
    public async Task Run_ConnectionDropped_ResumesWatchWithoutRelisting()
    {
        var informer = await StartedInformer();
        var watches = informer.WatchesStarted;

        _proxy.DropAll();
        await Create("after-drop");

        await Eventually.True(() => informer.Cache.Get("default", "after-drop") is not null, "object created after the drop");
        Assert.True(informer.WatchesStarted > watches, "a new watch was started");
        Assert.Equal(1, informer.Lists);
    }

    [Fact]
    public async Task Run_VersionCompactedWhileDisconnected_RelistsWithTombstones()
    {
        await Create("doomed");
        var informer = await StartedInformer();
        var recorder = new Recorder<ConfigMap>();
        informer.AddEventHandler(recorder);

        _proxy.Refusing = true;
        _proxy.DropAll();
        await DirectClient(c => c.Resource<ConfigMap>().DeleteAsync("default", "doomed"));
        await DirectClient(c => c.Resource<ConfigMap>().CreateAsync(Samples.ConfigMap("default", "fresh")));
        await DirectClient(c => c.Resource<ConfigMap>().CreateAsync(Samples.ConfigMap("default", "fresher")));
        await DirectClient(async c =>
        {
            // Enough churn to push the informer's version out of the cache's 8-event window.
            for (var i = 0; i < 5; i++)
            {
                await c.Resource<ConfigMap>().CreateAsync(Samples.ConfigMap("default", $"churn-{i}"));
                await c.Resource<ConfigMap>().DeleteAsync("default", $"churn-{i}");
            }
        });
        await _cluster.Store.CompactAsync(_cluster.Store.CurrentRevision);
        _proxy.Refusing = false;

        await Eventually.True(() => recorder.Saw("tombstone doomed") && recorder.Saw("add fresh") && recorder.Saw("add fresher"), "relist results");
        Assert.Equal(2, informer.Lists);
        Assert.Equal(["fresh", "fresher"], informer.Cache.List().Select(c => c.Metadata!.Name).Order());
    }

    [Fact]
    public async Task Cache_Indexers_FindByNodeOwnerLabelNamespace()
    {
        var pods = _client.Resource<Pod>();
        await _client.Resource<Namespace>().CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = "other" } });
        var owned = Samples.Pod("default", "p1", nodeName: "node-1");
        owned.Metadata!.OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = "rs-uid", Controller = true }];
        owned.Metadata.Labels = new() { ["app"] = "web" };
        await pods.CreateAsync(owned);
        await pods.CreateAsync(Samples.Pod("default", "p2", nodeName: "node-2"));
        var third = Samples.Pod("other", "p3", nodeName: "node-1");
        third.Metadata!.Labels = new() { ["app"] = "db" };
        await pods.CreateAsync(third);

        var informer = new SharedInformer<Pod>(pods, Fast);
        informer.AddIndexer(Indexers.NodeName, Indexers.ByNodeName);
        informer.AddIndexer(Indexers.OwnerUid, Indexers.ByOwnerUid);
        informer.AddIndexer(Indexers.Namespace, Indexers.ByNamespace);
        _ = informer.RunAsync(_stop.Token);
        await informer.WaitForCacheSyncAsync(_stop.Token);
        informer.AddIndexer(Indexers.LabelIndexName("app"), Indexers.ByLabel("app"));

        Assert.Equal(["p1", "p3"], Names(informer.Cache.ByIndex(Indexers.NodeName, "node-1")));
        Assert.Equal(["p1"], Names(informer.Cache.ByIndex(Indexers.OwnerUid, "rs-uid")));
        Assert.Equal(["p3"], Names(informer.Cache.List("other")));
        Assert.Equal(["p3"], Names(informer.Cache.ByIndex(Indexers.LabelIndexName("app"), "db")));

        await pods.PatchAsync("default", "p1", PatchType.Merge, """{"metadata":{"labels":{"app":"db"}}}""");
        await Eventually.True(() => informer.Cache.ByIndex(Indexers.LabelIndexName("app"), "db").Count == 2, "p1 moved to app=db");
        Assert.Empty(informer.Cache.ByIndex(Indexers.LabelIndexName("app"), "web"));
    }

    [Fact]
    public async Task Factory_TwoConsumers_ShareOneWatch()
    {
        await using var factory = new SharedInformerFactory(_client, Fast);
        var first = factory.GetInformer<Pod>();
        var second = factory.GetInformer<Pod>();
        var a = new Recorder<Pod>();
        var b = new Recorder<Pod>();
        first.AddEventHandler(a);
        second.AddEventHandler(b);
        factory.Start(_stop.Token);
        await factory.WaitForCacheSyncAsync(_stop.Token);

        await _client.Resource<Pod>().CreateAsync(Samples.Pod("default", "shared"));

        await Eventually.True(() => a.Saw("add shared") && b.Saw("add shared"), "both consumers told");
        Assert.Same(first, second);
        Assert.Equal(1, first.WatchesStarted);
        Assert.Equal("1", await RegisteredWatchers("pods"));
    }

    [Fact]
    public async Task Handler_Slow_DoesNotDelayOtherHandlersOrCache()
    {
        var informer = await StartedInformer();
        using var release = new ManualResetEventSlim();
        informer.AddEventHandler(new ResourceEventHandler<ConfigMap> { Added = (_, _) => release.Wait(_stop.Token) });
        var fast = new Recorder<ConfigMap>();
        informer.AddEventHandler(fast);

        await Create("one");
        await Create("two");

        await Eventually.True(() => fast.Saw("add two") && informer.Cache.Count == 2, "fast handler and cache kept up");
        release.Set();
    }

    private static IEnumerable<string> Names(IEnumerable<Pod> pods) => pods.Select(p => p.Metadata!.Name!).Order();

    private async Task<SharedInformer<ConfigMap>> StartedInformer()
    {
        var informer = new SharedInformer<ConfigMap>(_client.Resource<ConfigMap>(), Fast);
        _ = informer.RunAsync(_stop.Token);
        await informer.WaitForCacheSyncAsync(_stop.Token);
        return informer;
    }

    private Task<ConfigMap> Create(string name) => _client.Resource<ConfigMap>().CreateAsync(Samples.ConfigMap("default", name));

    private async Task DirectClient(Func<KubeClient, Task> action)
    {
        using var client = KubeClient.FromKubeconfig(_cluster.KubeconfigPath, options: new KubeClientOptions { Qps = 0 });
        await action(client);
    }

    private async Task<string> RegisteredWatchers(string resource)
    {
        var metrics = await _cluster.Admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return WatchersLine().Matches(metrics).Where(m => m.Groups[1].Value == resource).Select(m => m.Groups[2].Value).Single();
    }

    [GeneratedRegex("""apiserver_registered_watchers\{resource="([^"]+)"\} (\d+)""")]
    private static partial Regex WatchersLine();
}
