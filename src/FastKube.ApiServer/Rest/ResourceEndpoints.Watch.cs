using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Printing;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

internal sealed partial class ResourceEndpoints
{
    // Upstream sends a bookmark about once a minute to watchers that allow them.
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(60);

    // Events a slow HTTP client may lag behind before its watch is ended (the store watch has its own bound).
    private const int PendingEvents = 1024;

    /// <summary>
    /// A JSON watch: one <c>{"type":…,"object":…}</c> line per event, flushed as it happens, until the
    /// client leaves, <c>timeoutSeconds</c> passes, or the watch ends with an ERROR event.
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

        var (events, error) = await storage.WatchAsync(ns, listOptions, timeout.Token).ConfigureAwait(false);
        if (events is null)
        {
            await StatusResponses.WriteAsync(context, error!).ConfigureAwait(false);
            return;
        }

        using var registered = metrics.Watcher(storage.Info.Resource);
        var msgpack = MsgPackObjects.Requested(context.Request);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = msgpack ? KubeMsgPack.ContentType : Json;
        await context.Response.StartAsync(timeout.Token).ConfigureAwait(false);
        // Send the headers now: a client waiting on them must not wait for the first event.
        await context.Response.Body.FlushAsync(timeout.Token).ConfigureAwait(false);
        var bookmarks = context.Request.Query["allowWatchBookmarks"] == "true";
        var table = msgpack ? null : TableWriter.Requested(context.Request);
        var pending = Channel.CreateBounded<ResourceEvent>(new BoundedChannelOptions(PendingEvents) { SingleReader = true, SingleWriter = true });
        var pump = Pump(events, pending.Writer, timeout.Token);
        try
        {
            long lastRevision = 0;
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
                    more = await pending.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                {
                    var bookmark = new ResourceEvent(WatchEventTypes.Bookmark, Bookmark(storage.Info, lastRevision), null, lastRevision);
                    await (msgpack ? WriteFrame(context, bookmark, timeout.Token) : WriteEvent(context, bookmark, storage.Info, table: null, timeout.Token)).ConfigureAwait(false);
                    continue;
                }

                if (!more)
                {
                    return;
                }

                while (pending.Reader.TryRead(out var e))
                {
                    lastRevision = Math.Max(lastRevision, e.Revision);
                    await (msgpack ? WriteFrame(context, e, timeout.Token) : WriteEvent(context, e, storage.Info, table, timeout.Token)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The client went away or timeoutSeconds passed: a normal end of a watch.
        }
        finally
        {
            await timeout.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    private static async Task Pump(IAsyncEnumerable<ResourceEvent> events, ChannelWriter<ResourceEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!writer.TryWrite(e))
                {
                    // The HTTP client fell too far behind: end its watch rather than buffer without bound.
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            writer.TryComplete();
        }
    }

    // A bookmark carries only the kind and the resourceVersion up to which every event was sent.
    private static KubeObject Bookmark(KubeTypeInfo info, long revision)
    {
        var obj = (KubeObject)KubeJson.Deserialize("{}"u8, info.Type)!;
        obj.Kind = info.Kind;
        obj.ApiVersion = info.ApiVersion;
        obj.Metadata = new ObjectMeta { ResourceVersion = revision.ToString(CultureInfo.InvariantCulture) };
        return obj;
    }

    // One length-delimited MessagePack frame per event (docs/watch-protocol.md).
    private static async Task WriteFrame(HttpContext context, ResourceEvent e, CancellationToken cancellationToken)
    {
        var frame = WatchFrame.EncodeFrame(e.Type, MsgPackObjects.Encode((object?)e.Error ?? e.Object!));
        await context.Response.Body.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // With as=Table each object travels as a one-row Table, as upstream sends it to kubectl get -w.
    private static async Task WriteEvent(HttpContext context, ResourceEvent e, KubeTypeInfo info, IncludeObject? table, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", e.Type);
            json.WritePropertyName("object");
            if (e.Error is not null)
            {
                KubeJson.Serialize(json, e.Error);
            }
            else if (table is { } include)
            {
                TableWriter.Write(json, info, [e.Object!], TableWriter.ResourceVersionOf(e.Object!), null, include, DateTimeOffset.UtcNow);
            }
            else
            {
                KubeJson.Serialize(json, e.Object);
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
