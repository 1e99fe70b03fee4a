using FastKube.ApiServer.Caching;

namespace FastKube.ApiServer.Tests.Caching;

public sealed class WatchCacheListTests
{
    private static List<string> Names(CacheList list) => [.. list.Items.Select(o => $"{o.Namespace}/{o.Object.Metadata!.Name}")];

    [Fact]
    public void List_AllNamespaces_ReturnsKeyOrder()
    {
        var cache = new CacheBuilder();
        cache.Put(CacheBuilder.NewPod("b", ns: "a"));
        cache.Put(CacheBuilder.NewPod("x", ns: "a-b"));
        cache.Put(CacheBuilder.NewPod("a", ns: "a"));
        cache.Put(CacheBuilder.NewPod("z", ns: "default"));

        var list = cache.Cache.List(CacheBuilder.Filter(), 0, null)!;

        // Keys are ".../a-b/x" < ".../a/a" because '-' sorts before '/', as the store orders them.
        Assert.Equal(["a-b/x", "a/a", "a/b", "default/z"], Names(list));
        Assert.Equal(cache.Revision, list.Revision);
        Assert.False(list.More);
    }

    [Fact]
    public void List_NamespaceAndNodeName_UseIndexesAndFilter()
    {
        var cache = new CacheBuilder();
        cache.Put(CacheBuilder.NewPod("p1", node: "n1"));
        cache.Put(CacheBuilder.NewPod("p2", node: "n2"));
        cache.Put(CacheBuilder.NewPod("p3", ns: "other", node: "n1"));
        cache.Put(CacheBuilder.NewPod("p4", node: "n1", labels: new() { ["app"] = "db" }));
        cache.Put(CacheBuilder.NewPod("p2", node: "n1")); // moved: the index follows

        Assert.Equal(["default/p1", "default/p2", "default/p4"], Names(cache.Cache.List(CacheBuilder.Filter("default", fields: "spec.nodeName=n1"), 0, null)!));
        Assert.Equal(["default/p1", "default/p2", "other/p3"], Names(cache.Cache.List(CacheBuilder.Filter(labels: "app=web", fields: "spec.nodeName=n1"), 0, null)!));
        Assert.Empty(cache.Cache.List(CacheBuilder.Filter(fields: "spec.nodeName=n2"), 0, null)!.Items);
        Assert.Equal(["other/p3"], Names(cache.Cache.List(CacheBuilder.Filter("other"), 0, null)!));
    }

    [Fact]
    public void List_LimitThenPinnedContinue_IsServedUntilTheResourceChanges()
    {
        var cache = new CacheBuilder();
        foreach (var name in new[] { "a", "b", "c" })
        {
            cache.Put(CacheBuilder.NewPod(name));
        }

        var first = cache.Cache.List(CacheBuilder.Filter(), 2, null)!;
        cache.Elsewhere(); // another resource's write does not change this snapshot
        var second = cache.Cache.List(CacheBuilder.Filter(), 2, first.Items[^1].Key, first.Revision);
        cache.Put(CacheBuilder.NewPod("d"));
        var afterChange = cache.Cache.List(CacheBuilder.Filter(), 2, first.Items[^1].Key, first.Revision);

        Assert.Equal(["default/a", "default/b"], Names(first));
        Assert.True(first.More);
        Assert.Equal(["default/c"], Names(second!));
        Assert.Equal(first.Revision, second!.Revision);
        Assert.Null(afterChange);
    }

    [Fact]
    public void List_AfterDelete_OmitsTheObject()
    {
        var cache = new CacheBuilder();
        cache.Put(CacheBuilder.NewPod("a", node: "n"));
        cache.Put(CacheBuilder.NewPod("b", node: "n"));
        cache.Delete("a");

        Assert.Equal(["default/b"], Names(cache.Cache.List(CacheBuilder.Filter(), 0, null)!));
        Assert.Equal(["default/b"], Names(cache.Cache.List(CacheBuilder.Filter(fields: "spec.nodeName=n"), 0, null)!));
    }

    [Fact]
    public async Task Progress_WaitAsync_CompletesWhenTheRevisionIsReachedAndTimesOutOtherwise()
    {
        var progress = new CacheProgress();
        progress.Advance(5);

        var reached = progress.WaitAsync(7, TimeSpan.FromMinutes(5), CancellationToken.None);
        var never = await progress.WaitAsync(100, TimeSpan.FromMilliseconds(1), CancellationToken.None);
        Assert.False(reached.IsCompleted);
        progress.Advance(7);

        Assert.True(await reached);
        Assert.False(never);
        Assert.True(await progress.WaitAsync(3, TimeSpan.Zero, CancellationToken.None));
    }
}
