using FastKube.ApiServer.Caching;

namespace FastKube.ApiServer.Tests.Caching;

public sealed class WatchCacheTests
{
    private static List<CacheDelivery> Drain(CacheWatcher watcher)
    {
        var events = new List<CacheDelivery>(watcher.Initial);
        while (watcher.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    private static string Describe(CacheDelivery e) => $"{e.Type} {e.Object.Object.Metadata!.Name}";

    [Fact]
    public void Watch_FromRevisionInsideRing_ReplaysOnlyLaterEvents()
    {
        var cache = new CacheBuilder();
        cache.Put(CacheBuilder.NewPod("a"));
        var from = cache.Put(CacheBuilder.NewPod("b"));
        cache.Put(CacheBuilder.NewPod("a", labels: new() { ["app"] = "db" }));
        cache.Delete("b");

        var (watcher, error) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.Json, from);

        Assert.Null(error);
        Assert.Equal(["MODIFIED a", "DELETED b"], Drain(watcher!).Select(Describe));
    }

    [Fact]
    public void Watch_FromRevisionOlderThanRing_Returns410TooOldResourceVersion()
    {
        var cache = new CacheBuilder(eventCapacity: 2);
        var first = cache.Put(CacheBuilder.NewPod("a"));
        var second = cache.Put(CacheBuilder.NewPod("b"));
        cache.Put(CacheBuilder.NewPod("c"));

        var (tooOld, error) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.Json, first - 1);
        var (inWindow, _) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.Json, first);

        Assert.Null(tooOld);
        Assert.Equal(410, error!.Code);
        Assert.Equal("Expired", error.Reason);
        Assert.Equal($"too old resource version: {first - 1} ({first})", error.Message);
        Assert.Equal(["ADDED b", "ADDED c"], Drain(inWindow!).Select(Describe));
        Assert.True(second > first);
    }

    [Fact]
    public void Watch_WithoutRevision_StartsWithCurrentStateAsAdded()
    {
        var cache = new CacheBuilder();
        cache.Put(CacheBuilder.NewPod("b"));
        cache.Put(CacheBuilder.NewPod("a"));
        cache.Delete("b");

        var (watcher, _) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.MsgPack, null);
        cache.Put(CacheBuilder.NewPod("c"));

        Assert.Equal(["ADDED a", "ADDED c"], Drain(watcher!).Select(Describe));
        Assert.Equal(cache.Revision - 1, watcher!.StartRevision);
    }

    [Fact]
    public void Watch_LabelSelector_ObjectEnteringAndLeavingArrivesAsAddedAndDeleted()
    {
        var cache = new CacheBuilder();
        cache.Put(CacheBuilder.NewPod("p", labels: new() { ["tier"] = "tin" }));
        var (watcher, _) = cache.Cache.Watch(CacheBuilder.Filter(labels: "tier=gold"), WatchEncoding.Json, null);

        cache.Put(CacheBuilder.NewPod("p", labels: new() { ["tier"] = "gold" }));
        cache.Put(CacheBuilder.NewPod("p", labels: new() { ["tier"] = "gold", ["x"] = "1" }));
        cache.Put(CacheBuilder.NewPod("p", labels: new() { ["tier"] = "tin" }));
        cache.Put(CacheBuilder.NewPod("q", labels: new() { ["tier"] = "tin" }));

        Assert.Equal(["ADDED p", "MODIFIED p", "DELETED p"], Drain(watcher!).Select(Describe));
    }

    [Fact]
    public void Watch_NodeNameSelector_SeesPodsBoundToAndMovedOffItsNodeOnly()
    {
        var cache = new CacheBuilder();
        var (node1, _) = cache.Cache.Watch(CacheBuilder.Filter(fields: "spec.nodeName=node-1"), WatchEncoding.MsgPack, null);
        var (everything, _) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.MsgPack, null);

        cache.Put(CacheBuilder.NewPod("p"));
        cache.Put(CacheBuilder.NewPod("p", node: "node-1"));
        cache.Put(CacheBuilder.NewPod("other", node: "node-2"));
        cache.Put(CacheBuilder.NewPod("p", node: "node-3"));

        Assert.Equal(["ADDED p", "DELETED p"], Drain(node1!).Select(Describe));
        Assert.Equal(4, Drain(everything!).Count);
    }

    [Fact]
    public void Watch_TwoWatchersOfOneEncoding_ReceiveTheSameEncodedBuffer()
    {
        var cache = new CacheBuilder();
        var (first, _) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.MsgPack, null);
        var (second, _) = cache.Cache.Watch(CacheBuilder.Filter(ns: "default"), WatchEncoding.MsgPack, null);
        var (json1, _) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.Json, null);
        var (json2, _) = cache.Cache.Watch(CacheBuilder.Filter(labels: "app=web"), WatchEncoding.Json, null);

        cache.Put(CacheBuilder.NewPod("p"));

        var a = Assert.Single(Drain(first!));
        var b = Assert.Single(Drain(second!));
        Assert.Same(a.Object.MsgPack, b.Object.MsgPack);
        Assert.Same(Assert.Single(Drain(json1!)).Object.Json, Assert.Single(Drain(json2!)).Object.Json);
        Assert.Equal("p", Api.Serialization.KubeMsgPack.Deserialize<Api.Core.Pod>(a.Object.MsgPack).Metadata!.Name);
    }

    [Fact]
    public void Dispatch_WatcherQueueFull_ClosesItAsTooSlowAndCountsIt()
    {
        var cache = new CacheBuilder(watcherQueue: 2);
        var (slow, _) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.Json, null);
        var (reading, _) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.Json, null);

        var seen = new List<CacheDelivery>();
        for (var i = 0; i < 5; i++)
        {
            cache.Put(CacheBuilder.NewPod($"p{i}"));
            seen.AddRange(Drain(reading!));
        }

        Assert.Equal(WatcherEnd.TooSlow, slow!.End);
        Assert.Equal(["ADDED p0", "ADDED p1"], Drain(slow).Select(Describe)); // what was queued stays readable
        Assert.True(slow.Events.Completion.IsCompleted);
        Assert.Equal(WatcherEnd.Running, reading!.End);
        Assert.Equal(5, seen.Count);
        Assert.Equal(1, cache.Metrics.TerminatedWatchers("pods"));
        Assert.Equal(1, cache.Cache.WatcherCount);
        Assert.Contains("apiserver_terminated_watchers_total{resource=\"pods\"} 1", cache.Metrics.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_Watcher_UnregistersIt()
    {
        var cache = new CacheBuilder();
        var (watcher, _) = cache.Cache.Watch(CacheBuilder.Filter(fields: "spec.nodeName=n"), WatchEncoding.Json, null);
        Assert.Equal(1, cache.Cache.WatcherCount);

        watcher!.Dispose();
        cache.Put(CacheBuilder.NewPod("p", node: "n"));

        Assert.Equal(0, cache.Cache.WatcherCount);
        Assert.Equal(WatcherEnd.Stopped, watcher.End);
        Assert.Empty(Drain(watcher));
    }

    [Fact]
    public void Reset_EndsWatchersWithCacheReset()
    {
        var cache = new CacheBuilder();
        var (watcher, _) = cache.Cache.Watch(CacheBuilder.Filter(), WatchEncoding.Json, null);

        cache.Cache.Reset([], cache.Revision);

        Assert.Equal(WatcherEnd.CacheReset, watcher!.End);
        Assert.Equal(0, cache.Cache.WatcherCount);
        Assert.Contains("apiserver_watch_cache_initializations_total{resource=\"pods\"} 2", cache.Metrics.Render(), StringComparison.Ordinal);
    }
}
