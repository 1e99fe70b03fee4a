using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.ApiServer.Caching;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Printing;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

internal sealed partial class ResourceEndpoints
{
    // Upstream sends a bookmark about once a minute to watchers that allow them.
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(60);

    // The annotation on the bookmark that ends a watch-list's initial events (metav1.InitialEventsAnnotationKey).
    private const string InitialEventsEndAnnotation = "k8s.io/initial-events-end";

    /// <summary>
    /// A watch served by the watch cache: JSON lines (<c>{"type":…,"object":…}</c>), MessagePack frames or
    /// one-row Tables, flushed as events come, until the client leaves, <c>timeoutSeconds</c> passes or
    /// the watch ends with an ERROR event. JSON and MessagePack events are the cache's shared bytes, copied.
    /// </summary>
    private async Task WatchAsync(HttpContext context, ResourceStorage storage, string ns, string name)
    {
        if (ParseListOptions(context.Request.Query, out var listOptions) is { } optionsError)
        {
            await StatusResponses.WriteAsync(context, optionsError).ConfigureAwait(false);
            return;
        }

        if (name.Length > 0 && Api.Fields.FieldSelector.TryParse($"metadata.name={name}", out var byName, out _))
        {
            listOptions = listOptions with { Fields = byName };
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (context.Request.Query.TryGetValue("timeoutSeconds", out var seconds) && int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(limit));
        }

        var query = context.Request.Query;
        var sendInitialEvents = query["sendInitialEvents"] == "true";
        if (WatchListProblem(sendInitialEvents, listOptions.ResourceVersionMatch, query["allowWatchBookmarks"] == "true") is { } watchListError)
        {
            await StatusResponses.WriteAsync(context, watchListError).ConfigureAwait(false);
            return;
        }

        var msgpack = MsgPackObjects.Requested(context.Request);
        var table = msgpack ? null : TableWriter.Requested(context.Request);
        var encoding = msgpack ? WatchEncoding.MsgPack : table is null ? WatchEncoding.Json : WatchEncoding.Table;
        var (watcher, error) = await storage.WatchAsync(ns, listOptions, encoding, timeout.Token, sendInitialEvents).ConfigureAwait(false);
        if (watcher is null)
        {
            await StatusResponses.WriteAsync(context, error!).ConfigureAwait(false);
            return;
        }

        using var registration = watcher;
        using var registered = metrics.Watcher(storage.Info.Resource);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = msgpack ? KubeMsgPack.ContentType : Json;
        await context.Response.StartAsync(timeout.Token).ConfigureAwait(false);
        var output = context.Response.BodyWriter;
        var stream = new WatchStream(output, encoding, storage.Info, table);
        try
        {
            // Send the headers now: a client waiting on them must not wait for the first event.
            await output.FlushAsync(timeout.Token).ConfigureAwait(false);
            long lastRevision = watcher.StartRevision;
            foreach (var e in watcher.Initial)
            {
                stream.Write(e);
                await stream.FlushIfFullAsync(timeout.Token).ConfigureAwait(false);
            }

            if (sendInitialEvents)
            {
                var end = Bookmark(storage.Info, watcher.StartRevision);
                end.Metadata!.Annotations = new Dictionary<string, string> { [InitialEventsEndAnnotation] = "true" };
                stream.WriteObject(WatchEventTypes.Bookmark, end);
            }

            await output.FlushAsync(timeout.Token).ConfigureAwait(false);
            var bookmarks = context.Request.Query["allowWatchBookmarks"] == "true";
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                if (bookmarks)
                {
                    wait.CancelAfter(BookmarkInterval);
                }

                bool more;
                try
                {
                    more = await watcher.Events.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                {
                    stream.WriteObject(WatchEventTypes.Bookmark, Bookmark(storage.Info, lastRevision));
                    await output.FlushAsync(timeout.Token).ConfigureAwait(false);
                    continue;
                }

                if (!more)
                {
                    break;
                }

                while (watcher.Events.TryRead(out var e))
                {
                    lastRevision = Math.Max(lastRevision, e.Object.Revision);
                    stream.Write(e);
                    await stream.FlushIfFullAsync(timeout.Token).ConfigureAwait(false);
                }

                await output.FlushAsync(timeout.Token).ConfigureAwait(false);
            }

            if (EndStatus(watcher, storage.Info) is { } ended)
            {
                stream.WriteObject(WatchEventTypes.Error, ended);
                await output.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The client went away or timeoutSeconds passed: a normal end of a watch.
        }
    }

    // The ERROR event that explains why the server ended a watch; none when the client ended it.
    private static Status? EndStatus(CacheWatcher watcher, KubeTypeInfo info) => watcher.End switch
    {
        // Every event before the close was delivered, so the client can watch again from the last
        // resourceVersion it received (upstream closes such a watcher silently and logs "Forcing ... watcher
        // close due to unresponsiveness"; the ERROR event says so to the client as well).
        WatcherEnd.TooSlow => StatusResponses.Failure(StatusCodes.Status500InternalServerError, StatusReasons.InternalError,
            $"watch of {ApiErrors.QualifiedResource(info)} closed: the watcher could not keep up (more than {watcher.QueueCapacity} events pending); watch again from the last resourceVersion received"),
        WatcherEnd.CacheReset => ApiErrors.Expired($"watch of {ApiErrors.QualifiedResource(info)} ended: the watch cache was re-initialized; re-list and watch again"),
        _ => null,
    };

    // A bookmark carries only the kind and the resourceVersion up to which every event was sent.
    // Upstream's checks of a watch's list options (apimachinery's internalversion validation), same texts.
    private static Status? WatchListProblem(bool sendInitialEvents, string? resourceVersionMatch, bool allowWatchBookmarks)
    {
        if (!sendInitialEvents)
        {
            return resourceVersionMatch is null ? null : ApiErrors.BadRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
        }

        if (resourceVersionMatch != "NotOlderThan")
        {
            return ApiErrors.BadRequest("resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
        }

        return allowWatchBookmarks ? null : ApiErrors.BadRequest("allowWatchBookmarks: Required value: sendInitialEvents requires setting allowWatchBookmarks to true");
    }

    private static KubeObject Bookmark(KubeTypeInfo info, long revision)
    {
        var obj = (KubeObject)KubeJson.Deserialize("{}"u8, info.Type)!;
        obj.Kind = info.Kind;
        obj.ApiVersion = info.ApiVersion;
        obj.Metadata = new ObjectMeta { ResourceVersion = revision.ToString(CultureInfo.InvariantCulture) };
        return obj;
    }
}
