using System.Globalization;
using System.Runtime.CompilerServices;
using FastKube.Api.Meta;
using FastKube.ApiServer.Http;
using FastKube.Storage;

namespace FastKube.ApiServer.Registry;

/// <summary>One event of a resource watch: type (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR) and object or Status.</summary>
internal readonly record struct ResourceEvent(string Type, KubeObject? Object, Status? Error, long Revision);

internal sealed partial class ResourceStorage
{
    /// <summary>
    /// Starts a watch with upstream's resourceVersion rules: "" or "0" first replays the current state as
    /// ADDED events, then streams changes after it; N streams every change after N (410 Expired when N
    /// is compacted). With selectors, an object that starts or stops matching arrives as ADDED or DELETED.
    /// </summary>
    public async ValueTask<(IAsyncEnumerable<ResourceEvent>? Events, Status? Error)> WatchAsync(string ns, ListOptions options, CancellationToken cancellationToken)
    {
        var initial = new List<KubeObject>();
        long from;
        if (string.IsNullOrEmpty(options.ResourceVersion) || options.ResourceVersion == "0")
        {
            var list = await ListAsync(ns, options with { Limit = 0, Continue = null, ResourceVersion = null, ResourceVersionMatch = null }, cancellationToken).ConfigureAwait(false);
            if (list.Error is not null)
            {
                return (null, list.Error);
            }

            initial.AddRange(list.Items);
            from = list.Revision + 1;
        }
        else if (long.TryParse(options.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            from = after + 1;
        }
        else
        {
            return (null, ApiErrors.BadRequest($"resourceVersion: Invalid value: \"{options.ResourceVersion}\": must be a non-negative integer"));
        }

        if (Fields(options) is { } fieldError)
        {
            return (null, fieldError);
        }

        var started = await store.WatchAsync(KeyRange.Prefix(ResourceKeys.Collection(info, ns)), from, cancellationToken).ConfigureAwait(false);
        return started.Status switch
        {
            StoreStatus.Ok => (Stream(initial, from - 1, started.Watch!, options, cancellationToken), null),
            StoreStatus.Compacted => (null, ApiErrors.Expired($"too old resource version: {from - 1} ({started.CompactRevision})")),
            _ => (null, ApiErrors.Internal($"watch of {ApiErrors.QualifiedResource(info)}: store answered {started.Status}")),
        };
    }

    private async IAsyncEnumerable<ResourceEvent> Stream(List<KubeObject> initial, long snapshot, StoreWatch watch, ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var _ = watch.ConfigureAwait(false);
        foreach (var obj in initial)
        {
            yield return new ResourceEvent(WatchEventTypes.Added, obj, null, snapshot);
        }

        while (await watch.Events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (watch.Events.TryRead(out var change))
            {
                if (Translate(change, options) is { } translated)
                {
                    yield return translated;
                }
            }
        }

        if (watch.End is WatchEnd.TooSlow or WatchEnd.Compacted or WatchEnd.Failed)
        {
            // Upstream ends a watch the server cannot keep with an error; clients re-list and watch again.
            yield return new ResourceEvent(WatchEventTypes.Error, null, ApiErrors.Expired($"watch of {ApiErrors.QualifiedResource(info)} ended: {watch.End}; re-list and watch again"), 0);
        }
    }

    private ResourceEvent? Translate(Storage.WatchEvent change, ListOptions options)
    {
        var filtered = !options.Labels.IsEverything || !options.Fields.IsEverything;
        if (change.Type == WatchEventType.Deleted)
        {
            var gone = Decode(change.PrevKv ?? change.Kv);
            gone.Metadata!.ResourceVersion = change.Revision.ToString(CultureInfo.InvariantCulture);
            return !filtered || Matches(gone, options) ? new ResourceEvent(WatchEventTypes.Deleted, gone, null, change.Revision) : null;
        }

        var current = Decode(change.Kv);
        if (!filtered)
        {
            return new ResourceEvent(change.Type == WatchEventType.Created ? WatchEventTypes.Added : WatchEventTypes.Modified, current, null, change.Revision);
        }

        var now = Matches(current, options);
        var before = change.Type == WatchEventType.Updated && change.PrevKv is { } prev && Matches(Decode(prev), options);
        return (now, before) switch
        {
            (true, true) => new ResourceEvent(WatchEventTypes.Modified, current, null, change.Revision),
            (true, false) => new ResourceEvent(WatchEventTypes.Added, current, null, change.Revision),
            (false, true) => new ResourceEvent(WatchEventTypes.Deleted, current, null, change.Revision),
            _ => null,
        };
    }
}
