using FastKube.Scheduler.Cache;

namespace FastKube.Scheduler.Tests.Cache;

public sealed class ClusterCacheTests
{
    private static void Add(ClusterCache cache, string pod, string node, string cpu) =>
        cache.AddPod(Objects.Pod(pod, cpu: cpu).OnNode(node), node, PodResources.For(Objects.Pod(pod, cpu: cpu).Spec), 0, assumed: false);

    [Fact]
    public void AddPod_BeforeItsNode_CountedWhenTheNodeArrives()
    {
        var cache = new ClusterCache();
        Add(cache, "p", "late", "300m");
        Assert.Equal(1, cache.OrphanCount);

        cache.UpsertNode(Objects.Node("late"));

        Assert.True(cache.TryGetSlot("late", out var slot));
        Assert.Equal(300, cache.Requested[ClusterCache.CpuColumn][slot]);
        Assert.Equal(1, cache.PodCount[slot]);
        Assert.Equal(0, cache.OrphanCount);
    }

    [Fact]
    public void RemoveNode_WithPods_PodsWaitAndCanBeDeleted()
    {
        var cache = new ClusterCache();
        cache.UpsertNode(Objects.Node("a"));
        Add(cache, "p", "a", "300m");

        cache.RemoveNode("a");
        Assert.Equal(1, cache.OrphanCount);
        Assert.True(cache.RemovePod("uid-p"));

        cache.UpsertNode(Objects.Node("a"));
        Assert.True(cache.TryGetSlot("a", out var slot));
        Assert.Equal(0, cache.PodCount[slot]);
    }

    [Fact]
    public void RemoveNode_SlotReused_NoStaleFacts()
    {
        var cache = new ClusterCache();
        cache.UpsertNode(Objects.Node("a").WithLabel("zone", "z1"));
        cache.UpsertNode(Objects.Node("b"));
        cache.RemoveNode("a");

        cache.UpsertNode(Objects.Node("c", cpu: "2"));

        Assert.True(cache.TryGetSlot("c", out var slot));
        Assert.Equal(2000, cache.Allocatable[ClusterCache.CpuColumn][slot]);
        Assert.Equal(-1, cache.Domains("zone").Of(slot));
        Assert.Equal(["b", "c"], cache.LiveSlots.ToArray().Select(s => cache.Names[s]));
    }

    [Fact]
    public void AddPod_Replaced_RequestsNotDoubleCounted()
    {
        var cache = new ClusterCache();
        cache.UpsertNode(Objects.Node("a"));
        Add(cache, "p", "a", "300m");
        Add(cache, "p", "a", "500m");

        Assert.True(cache.TryGetSlot("a", out var slot));
        Assert.Equal(500, cache.Requested[ClusterCache.CpuColumn][slot]);
        Assert.Equal(1, cache.PodCount[slot]);
    }
}
