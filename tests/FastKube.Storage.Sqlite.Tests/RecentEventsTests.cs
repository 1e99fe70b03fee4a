namespace FastKube.Storage.Sqlite.Tests;

public sealed class RecentEventsTests
{
    private static WatchEvent Created(long revision, string key, int valueBytes) =>
        new(WatchEventType.Created, revision, new KeyValue(key, new byte[valueBytes], revision, revision, 1), null);

    [Fact]
    public void TryRead_WithinRing_ReturnsMatchingEventsAndNextRevision()
    {
        var recent = new RecentEvents(8, long.MaxValue);
        recent.Append([Created(2, "/a/1", 1), Created(3, "/b/1", 1), Created(4, "/a/2", 1)]);
        var into = new List<WatchEvent>();

        Assert.True(recent.TryRead(KeyRange.Prefix("/a/"), 2, 4, 10, into, out var next));

        Assert.Equal([2L, 4L], into.Select(e => e.Revision));
        Assert.Equal(5, next);
    }

    [Fact]
    public void TryRead_OlderThanCountCapacity_ReturnsFalse()
    {
        var recent = new RecentEvents(2, long.MaxValue);
        recent.Append([Created(2, "/a", 1), Created(3, "/b", 1), Created(4, "/c", 1)]);

        Assert.False(recent.TryRead(KeyRange.Prefix("/"), 2, 4, 10, [], out _));
        Assert.True(recent.TryRead(KeyRange.Prefix("/"), 3, 4, 10, [], out _));
    }

    [Fact]
    public void Append_OverByteBudget_DropsOldestKeepsNewest()
    {
        var recent = new RecentEvents(100, maxBytes: 1000);
        recent.Append([Created(2, "/a", 600), Created(3, "/b", 600)]);
        recent.Append([Created(4, "/c", 5000)]);
        var into = new List<WatchEvent>();

        Assert.False(recent.TryRead(KeyRange.Prefix("/"), 3, 4, 10, [], out _));
        Assert.True(recent.TryRead(KeyRange.Prefix("/"), 4, 4, 10, into, out _));
        Assert.Single(into);
    }

    [Fact]
    public void TryRead_MaxReached_StopsAfterLastReturnedEvent()
    {
        var recent = new RecentEvents(8, long.MaxValue);
        recent.Append([Created(2, "/a", 1), Created(3, "/b", 1), Created(4, "/c", 1)]);
        var into = new List<WatchEvent>();

        Assert.True(recent.TryRead(KeyRange.Prefix("/"), 2, 4, 2, into, out var next));

        Assert.Equal(2, into.Count);
        Assert.Equal(4, next);
    }
}
