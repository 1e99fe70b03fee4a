using FastKube.ApiServer.Caching;
using FastKube.Api.Apps;
using FastKube.Api.Autoscaling;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Tests.Hosting;

namespace FastKube.Client.Tests;

/// <summary>The typed client against the real API server (in-process, loopback, TLS with the kubeconfig's certificates).</summary>
public sealed class ResourceClientTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private KubeClient _client = null!;

    public async Task InitializeAsync()
    {
        // A small watch-cache window, so a resourceVersion can fall out of it within a test (upstream's cacher
        // answers 410 for versions older than its window, whatever etcd still has).
        _cluster = await TestCluster.StartAsync(o => o with { WatchCache = new WatchCacheOptions(EventCapacity: 8) });
        _client = KubeClient.FromKubeconfig(_cluster.KubeconfigPath, options: new KubeClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task CreateGetUpdateDelete_ConfigMap_RoundTrips()
    {
        var maps = _client.Resource<ConfigMap>();

        var created = await maps.CreateAsync(Samples.ConfigMap("default", "settings", ("mode", "fast")));
        var read = await maps.GetAsync("default", "settings");
        read.Data!["mode"] = "slow";
        var updated = await maps.UpdateAsync(read);
        var deleted = await maps.DeleteAsync("default", "settings");
        var gone = await maps.TryGetAsync("default", "settings");

        Assert.False(string.IsNullOrEmpty(created.Metadata!.Uid));
        Assert.Equal(created.Metadata.Uid, read.Metadata!.Uid);
        Assert.Equal("slow", updated.Data!["mode"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata!.ResourceVersion);
        Assert.Equal("settings", deleted!.Metadata!.Name);
        Assert.Null(gone);
    }

    [Fact]
    public async Task List_SelectorsAndPaging_ReturnsMatchesPageByPage()
    {
        var maps = _client.Resource<ConfigMap>();
        foreach (var (name, tier) in new[] { ("a", "gold"), ("b", "gold"), ("c", "tin"), ("d", "gold") })
        {
            var map = Samples.ConfigMap("default", name);
            map.Metadata!.Labels = new() { ["tier"] = tier };
            await maps.CreateAsync(map);
        }

        var gold = await maps.ListAsync("default", new ListOptions { LabelSelector = "tier=gold" });
        var byName = await maps.ListAsync(null, new ListOptions { FieldSelector = "metadata.name=c" });
        var first = await maps.ListAsync("default", new ListOptions { Limit = 3 });
        var second = await maps.ListAsync("default", new ListOptions { Limit = 3, Continue = first.Continue });

        Assert.Equal(["a", "b", "d"], gold.Items.Select(m => m.Metadata!.Name));
        Assert.Equal(["c"], byName.Items.Select(m => m.Metadata!.Name));
        Assert.Equal(["a", "b", "c"], first.Items.Select(m => m.Metadata!.Name));
        Assert.NotNull(first.Continue);
        Assert.Equal(["d"], second.Items.Select(m => m.Metadata!.Name));
        Assert.Null(second.Continue);
        Assert.False(string.IsNullOrEmpty(gold.ResourceVersion));
    }

    [Fact]
    public async Task Get_Missing_ThrowsNotFoundStatus()
    {
        var e = await Assert.ThrowsAsync<KubeApiException>(() => _client.Resource<ConfigMap>().GetAsync("default", "nothing"));

        Assert.True(e.IsNotFound);
        Assert.Equal(StatusReasons.NotFound, e.Reason);
        Assert.Contains("nothing", e.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Twice_ThrowsAlreadyExists()
    {
        await _client.Resource<ConfigMap>().CreateAsync(Samples.ConfigMap("default", "once"));

        var e = await Assert.ThrowsAsync<KubeApiException>(() => _client.Resource<ConfigMap>().CreateAsync(Samples.ConfigMap("default", "once")));

        Assert.Equal(409, e.Code);
        Assert.True(e.IsAlreadyExists);
    }

    [Fact]
    public async Task Update_StaleResourceVersion_ThrowsConflict()
    {
        var maps = _client.Resource<ConfigMap>();
        var created = await maps.CreateAsync(Samples.ConfigMap("default", "cas", ("n", "1")));
        var stale = await maps.GetAsync("default", "cas");
        created.Data!["n"] = "2";
        await maps.UpdateAsync(created);

        stale.Data!["n"] = "3";
        var e = await Assert.ThrowsAsync<KubeApiException>(() => maps.UpdateAsync(stale));

        Assert.True(e.IsConflict);
    }

    [Fact]
    public async Task Create_InvalidPod_ThrowsInvalidWithCauses()
    {
        var pod = Samples.Pod("default", "broken");
        pod.Spec!.Containers![0].Image = null;

        var e = await Assert.ThrowsAsync<KubeApiException>(() => _client.Resource<Pod>().CreateAsync(pod));

        Assert.Equal(422, e.Code);
        Assert.True(e.IsInvalid);
        Assert.Contains(e.Causes, c => c.Field == "spec.containers[0].image");
    }

    [Fact]
    public async Task Patch_EachType_ChangesTheObject()
    {
        var maps = _client.Resource<ConfigMap>();
        await maps.CreateAsync(Samples.ConfigMap("default", "patched", ("a", "1")));

        await maps.PatchAsync("default", "patched", PatchType.Merge, """{"data":{"b":"2"}}""");
        await maps.PatchAsync("default", "patched", PatchType.StrategicMerge, """{"metadata":{"labels":{"x":"y"}}}""");
        var result = await maps.PatchAsync("default", "patched", PatchType.Json, """[{"op":"remove","path":"/data/a"}]""");

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, result.Data);
        Assert.Equal("y", result.Metadata!.Labels!["x"]);
    }

    [Fact]
    public async Task UpdateStatus_Pod_ChangesOnlyStatus()
    {
        var pods = _client.Resource<Pod>();
        var pod = await pods.CreateAsync(Samples.Pod("default", "web"));
        pod.Status = new PodStatus { Phase = "Running" };
        pod.Spec!.Containers![0].Image = "changed:2";

        var updated = await pods.UpdateStatusAsync(pod);

        Assert.Equal("Running", updated.Status!.Phase);
        Assert.Equal("busybox:1.36", updated.Spec!.Containers![0].Image);
    }

    [Fact]
    public async Task Bind_UnboundPod_SetsNodeName()
    {
        var pods = _client.Resource<Pod>();
        await pods.CreateAsync(Samples.Pod("default", "unbound"));

        var status = await pods.BindAsync("default", "unbound", "node-1");
        var again = await Assert.ThrowsAsync<KubeApiException>(() => pods.BindAsync("default", "unbound", "node-2"));

        Assert.Equal(Status.Success, status.Outcome);
        Assert.Equal("node-1", (await pods.GetAsync("default", "unbound")).Spec!.NodeName);
        Assert.Equal(409, again.Code);
    }

    [Fact]
    public async Task Scale_Deployment_ReadsAndSetsReplicas()
    {
        var deployments = _client.Resource<Deployment>();
        await deployments.CreateAsync(Samples.Deployment("default", "web", replicas: 2));

        var scale = await deployments.GetScaleAsync("default", "web");
        var before = scale.Spec!.Replicas;
        scale.Spec.Replicas = 5;
        await deployments.UpdateScaleAsync("default", "web", scale);

        Assert.Equal(2, before);
        Assert.Equal(5, (await deployments.GetAsync("default", "web")).Spec!.Replicas);
    }

    [Fact]
    public async Task DeleteCollection_LabelSelector_DeletesMatchesOnly()
    {
        var maps = _client.Resource<ConfigMap>();
        foreach (var (name, tier) in new[] { ("a", "gold"), ("b", "tin") })
        {
            var map = Samples.ConfigMap("default", name);
            map.Metadata!.Labels = new() { ["tier"] = tier };
            await maps.CreateAsync(map);
        }

        var deleted = await maps.DeleteCollectionAsync("default", new ListOptions { LabelSelector = "tier=gold" });
        var left = await maps.ListAsync("default");

        Assert.Equal(["a"], deleted.Items.Select(m => m.Metadata!.Name));
        Assert.Equal(["b"], left.Items.Select(m => m.Metadata!.Name));
    }

    [Fact]
    public async Task Delete_WithGracePeriod_ReturnsTerminatingPod()
    {
        var pods = _client.Resource<Pod>();
        // A pod on a node waits out its grace period (an unscheduled one goes at once, as upstream).
        await pods.CreateAsync(Samples.Pod("default", "slow", nodeName: "node-1"));

        var deleted = await pods.DeleteAsync("default", "slow", new DeleteOptions { GracePeriodSeconds = 30, PropagationPolicy = DeletionPropagation.Background });

        Assert.NotNull(deleted!.Metadata!.DeletionTimestamp);
        Assert.Equal(30, deleted.Metadata.DeletionGracePeriodSeconds);
    }

    [Fact]
    public async Task Watch_FromListVersion_StreamsAddModifyDelete()
    {
        var maps = _client.Resource<ConfigMap>();
        var list = await maps.ListAsync("default");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<WatchEvent<ConfigMap>>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in maps.WatchAsync("default", new ListOptions { ResourceVersion = list.ResourceVersion }, stop.Token))
            {
                events.Add(e);
                if (e.Type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        var created = await maps.CreateAsync(Samples.ConfigMap("default", "w", ("k", "1")));
        created.Data!["k"] = "2";
        await maps.UpdateAsync(created);
        await maps.DeleteAsync("default", "w");
        await watching;

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("2", events[1].Object!.Data!["k"]);
    }

    [Fact]
    public async Task Watch_CompactedVersion_ThrowsGone()
    {
        var maps = _client.Resource<ConfigMap>();
        await maps.CreateAsync(Samples.ConfigMap("default", "one"));
        var old = await maps.ListAsync("default");
        for (var i = 0; i < 10; i++)
        {
            await maps.CreateAsync(Samples.ConfigMap("default", $"later-{i}"));
        }

        // Past the cache's 8-event window and compacted in the store: too old for both.
        await _cluster.Store.CompactAsync(_cluster.Store.CurrentRevision);

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var e = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var _ in maps.WatchAsync("default", new ListOptions { ResourceVersion = old.ResourceVersion }, bound.Token))
            {
            }
        });

        Assert.True(e.IsGone);
    }
}
