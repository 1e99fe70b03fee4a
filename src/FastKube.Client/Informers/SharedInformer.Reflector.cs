using FastKube.Api.Meta;

namespace FastKube.Client.Informers;

public sealed partial class SharedInformer<T>
{
    private int _watchesStarted;
    private int _lists;

    private enum WatchEnd
    {
        /// <summary>The server closed the stream (timeoutSeconds): watch again from the last version.</summary>
        Closed,

        /// <summary>The version is too old (410): list again.</summary>
        Expired,
    }

    // client-go's reflector loop: list once, then watch from the newest version seen; a closed watch resumes at
    // once, a failure after a backoff, an expired version by listing again.
    private async Task ListAndWatchAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(Options.InitialBackoff, Options.MaxBackoff, Options.TimeProvider);
        var relist = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (relist)
                {
                    await ListAndReplaceAsync(cancellationToken).ConfigureAwait(false);
                    relist = false;
                }

                var (end, events) = await WatchAsync(cancellationToken).ConfigureAwait(false);
                relist = end == WatchEnd.Expired;
                if (events > 0 || relist)
                {
                    backoff.Reset();
                }
                else
                {
                    // A watch closed before even a bookmark came is treated as a failure (client-go's "very short
                    // watch"), so a server that keeps closing at once is not hammered.
                    await backoff.DelayAsync(backoff.Next(), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubeApiException e) when (e.IsGone && !relist)
            {
                ClientLog.Relisting(_logger, _client.Info.Resource, LastSyncResourceVersion, e.Status.Message);
                relist = true;
            }
#pragma warning disable CA1031 // Any failure of list or watch is retried after a backoff, as client-go's reflector does.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var delay = backoff.Next();
                if (relist)
                {
                    ClientLog.ListFailed(_logger, _client.Info.Resource, delay, e);
                }
                else
                {
                    ClientLog.WatchFailed(_logger, _client.Info.Resource, LastSyncResourceVersion, delay, e);
                }

                try
                {
                    await backoff.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Pages through a consistent list (every page at the first page's revision), then swaps it into the cache.
    private async Task ListAndReplaceAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? next = null;
        string? version;
        do
        {
            var page = await _client.ListAsync(Options.Namespace, new ListOptions
            {
                LabelSelector = Options.LabelSelector,
                FieldSelector = Options.FieldSelector,
                Limit = Options.ListPageSize,
                Continue = next,
            }, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            next = page.Continue;
            version = page.ResourceVersion;
        }
        while (next is not null);

        Interlocked.Increment(ref _lists);
        Replace(items, version ?? "");
        ClientLog.Listed(_logger, items.Count, _client.Info.Resource, LastSyncResourceVersion);
    }

    private void Replace(List<T> items, string version)
    {
        lock (_gate)
        {
            var first = !HasSynced;
            var seen = new HashSet<ObjectKey>(items.Count);
            foreach (var obj in items)
            {
                seen.Add(ObjectKey.Of(obj));
                var old = Cache.Upsert(obj);
                if (old is null)
                {
                    Notify(first ? EventHandlerRegistration<T>.Kind.InitialAdd : EventHandlerRegistration<T>.Kind.Add, null, obj);
                }
                else if (old.Metadata?.ResourceVersion != obj.Metadata?.ResourceVersion)
                {
                    Notify(EventHandlerRegistration<T>.Kind.Update, old, obj);
                }
            }

            if (!first)
            {
                // Objects the relist no longer has were deleted while the watch was down: tombstones.
                foreach (var key in Cache.Keys())
                {
                    if (!seen.Contains(key) && Cache.Remove(key) is { } gone)
                    {
                        Notify(EventHandlerRegistration<T>.Kind.DeleteUnknown, gone, null);
                    }
                }
            }

            LastSyncResourceVersion = version;
            if (first)
            {
                Notify(EventHandlerRegistration<T>.Kind.Synced, null, null);
                _synced.TrySetResult();
            }
        }
    }

    private async Task<(WatchEnd End, int Events)> WatchAsync(CancellationToken cancellationToken)
    {
        var timeout = Options.MinWatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble());
        var options = new ListOptions
        {
            LabelSelector = Options.LabelSelector,
            FieldSelector = Options.FieldSelector,
            ResourceVersion = LastSyncResourceVersion,
            AllowWatchBookmarks = true,
            TimeoutSeconds = Math.Max(1, (int)timeout),
        };
        Interlocked.Increment(ref _watchesStarted);
        var events = 0;
        await foreach (var e in _client.WatchAsync(Options.Namespace, options, cancellationToken).ConfigureAwait(false))
        {
            events++;
            switch (e.Type)
            {
                case WatchEventType.Error when e.Status?.Code == 410:
                    ClientLog.Relisting(_logger, _client.Info.Resource, LastSyncResourceVersion, e.Status.Message);
                    return (WatchEnd.Expired, events);
                case WatchEventType.Error:
                    throw new KubeApiException(e.Status ?? new Status { Code = 500, Message = "watch ERROR event without a Status" });
                case WatchEventType.Bookmark:
                    LastSyncResourceVersion = e.Object?.Metadata?.ResourceVersion ?? LastSyncResourceVersion;
                    break;
                default:
                    Apply(e.Type, e.Object!);
                    break;
            }
        }

        return (WatchEnd.Closed, events);
    }

    private void Apply(WatchEventType type, T obj)
    {
        lock (_gate)
        {
            if (type == WatchEventType.Deleted)
            {
                Cache.Remove(ObjectKey.Of(obj));
                Notify(EventHandlerRegistration<T>.Kind.Delete, obj, null);
            }
            else if (Cache.Upsert(obj) is { } old)
            {
                Notify(EventHandlerRegistration<T>.Kind.Update, old, obj);
            }
            else
            {
                Notify(EventHandlerRegistration<T>.Kind.Add, null, obj);
            }

            LastSyncResourceVersion = obj.Metadata?.ResourceVersion ?? LastSyncResourceVersion;
        }
    }
}
