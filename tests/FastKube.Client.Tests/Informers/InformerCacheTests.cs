using FastKube.Api.Core;
using FastKube.Client.Informers;

namespace FastKube.Client.Tests.Informers;

public sealed class InformerCacheTests
{
    [Fact]
    public void Upsert_ChangedIndexValue_MovesTheKey()
    {
        var cache = new InformerCache<Pod>();
        cache.AddIndexer(Indexers.LabelIndexName("app"), Indexers.ByLabel("app"));
        var pod = Samples.Pod("default", "p");
        pod.Metadata!.Labels = new() { ["app"] = "web" };
        cache.Upsert(pod);

        var moved = Samples.Pod("default", "p");
        moved.Metadata!.Labels = new() { ["app"] = "db" };
        var old = cache.Upsert(moved);

        Assert.Same(pod, old);
        Assert.Empty(cache.ByIndex(Indexers.LabelIndexName("app"), "web"));
        Assert.Same(moved, Assert.Single(cache.ByIndex(Indexers.LabelIndexName("app"), "db")));
        Assert.Equal(["db"], cache.IndexValues(Indexers.LabelIndexName("app")));
    }

    [Fact]
    public void Remove_IndexedObject_LeavesNoEmptyIndexValue()
    {
        var cache = new InformerCache<Pod>();
        cache.AddIndexer(Indexers.NodeName, Indexers.ByNodeName);
        cache.Upsert(Samples.Pod("default", "p", nodeName: "node-1"));

        var removed = cache.Remove(new ObjectKey("default", "p"));

        Assert.NotNull(removed);
        Assert.Empty(cache.IndexValues(Indexers.NodeName));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AddIndexer_SameNameTwice_Throws()
    {
        var cache = new InformerCache<Pod>();
        cache.AddIndexer(Indexers.Namespace, Indexers.ByNamespace);

        Assert.Throws<ArgumentException>(() => cache.AddIndexer(Indexers.Namespace, Indexers.ByNamespace));
    }

    [Theory]
    [InlineData("default/web", "default", "web")]
    [InlineData("node-1", "", "node-1")]
    public void ObjectKey_ParseAndPrint_RoundTrip(string text, string ns, string name)
    {
        var key = ObjectKey.Parse(text);

        Assert.Equal(new ObjectKey(ns, name), key);
        Assert.Equal(text, key.ToString());
    }
}
