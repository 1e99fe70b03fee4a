using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Fields;
using FastKube.Api.Labels;
using FastKube.Api.Meta;
using FastKube.ApiServer.Caching;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Metrics;
using FastKube.ApiServer.Registry;
using FastKube.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.ApiServer.Tests.Caching;

/// <summary>A pod watch cache driven by hand-made store events, revision by revision.</summary>
internal sealed class CacheBuilder
{
    private readonly Dictionary<string, KeyValue> _live = new(StringComparer.Ordinal);
    private long _revision = 10;

    public CacheBuilder(int eventCapacity = 1024, int watcherQueue = 1024)
    {
        Assert.True(KubeTypes.TryGetByResource("", "v1", "pods", out var info));
        Info = info;
        Cache = new WatchCache(info, new WatchCacheOptions(eventCapacity, watcherQueue), Progress, Metrics, NullLogger.Instance);
        Cache.Reset([], _revision);
        Progress.Advance(_revision);
    }

    public KubeTypeInfo Info { get; }

    public CacheProgress Progress { get; } = new();

    public ApiMetrics Metrics { get; } = new();

    public WatchCache Cache { get; }

    public long Revision => _revision;

    public static Pod NewPod(string name, string ns = "default", string? node = null, Dictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels ?? new() { ["app"] = "web" } },
        Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "c", Image = "busybox" }] },
    };

    public static WatchFilter Filter(string ns = "", string labels = "", string fields = "")
    {
        Assert.True(Selector.TryParse(labels, out var labelSelector, out _));
        Assert.True(FieldSelector.TryParse(fields, out var fieldSelector, out _));
        return new WatchFilter(ns, ListOptions.Everything with { Labels = labelSelector, Fields = fieldSelector });
    }

    /// <summary>Creates or updates the pod (as a store write at the next revision would) and applies the event.</summary>
    public long Put(Pod pod)
    {
        var key = ResourceKeys.Object(Info, pod.Metadata!.Namespace!, pod.Metadata.Name!);
        var revision = ++_revision;
        _live.TryGetValue(key, out var previous);
        var kv = new KeyValue(key, MsgPackObjects.Encode(pod), previous?.CreateRevision ?? revision, revision, (previous?.Version ?? 0) + 1);
        _live[key] = kv;
        Cache.Apply(new Storage.WatchEvent(previous is null ? WatchEventType.Created : WatchEventType.Updated, revision, kv, previous));
        Progress.Advance(revision);
        return revision;
    }

    public long Delete(string name, string ns = "default")
    {
        var key = ResourceKeys.Object(Info, ns, name);
        var revision = ++_revision;
        Assert.True(_live.Remove(key, out var previous));
        Cache.Apply(new Storage.WatchEvent(WatchEventType.Deleted, revision, previous, previous));
        Progress.Advance(revision);
        return revision;
    }

    /// <summary>A write to another resource: only the shared progress moves.</summary>
    public long Elsewhere()
    {
        Progress.Advance(++_revision);
        return _revision;
    }
}
