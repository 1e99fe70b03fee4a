using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.ApiServer.Caching;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Printing;

namespace FastKube.ApiServer.Rest;

/// <summary>
/// Writes watch events to a response: MessagePack frames and JSON lines around the cache's shared
/// object bytes (a copy, no serialization), or one-row Tables rendered for this watcher.
/// </summary>
internal sealed class WatchStream(PipeWriter output, WatchEncoding encoding, KubeTypeInfo info, IncludeObject? table)
{
    // Unflushed bytes after which a long replay is pushed out instead of buffering it whole.
    private const int FlushThreshold = 64 * 1024;

    public void Write(CacheDelivery e)
    {
        switch (encoding)
        {
            case WatchEncoding.MsgPack:
                WatchFrame.WriteFrame(output, e.Type, e.Object.MsgPack);
                break;
            case WatchEncoding.Json:
                WriteLine(e.Type, e.Object.Json);
                break;
            default:
                WriteTable(e.Type, e.Object.Object);
                break;
        }
    }

    /// <summary>Writes an event whose object is not cached (bookmarks, ERROR Status).</summary>
    public void WriteObject(string type, object obj)
    {
        if (encoding == WatchEncoding.MsgPack)
        {
            WatchFrame.WriteFrame(output, type, MsgPackObjects.Encode(obj));
        }
        else
        {
            WriteLine(type, KubeJson.Serialize(obj));
        }
    }

    public ValueTask<FlushResult> FlushIfFullAsync(CancellationToken cancellationToken) =>
        output.UnflushedBytes > FlushThreshold ? output.FlushAsync(cancellationToken) : ValueTask.FromResult(default(FlushResult));

    private void WriteLine(string type, ReadOnlySpan<byte> json)
    {
        output.Write(Prefix(type));
        output.Write(json);
        output.Write("}\n"u8);
    }

    // With as=Table each object travels as a one-row Table, as upstream sends it to kubectl get -w.
    private void WriteTable(string type, KubeObject obj)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WritePropertyName("object");
            TableWriter.Write(json, info, [obj], TableWriter.ResourceVersionOf(obj), null, table!.Value, DateTimeOffset.UtcNow);
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    private static ReadOnlySpan<byte> Prefix(string type) => type switch
    {
        WatchEventTypes.Added => """{"type":"ADDED","object":"""u8,
        WatchEventTypes.Modified => """{"type":"MODIFIED","object":"""u8,
        WatchEventTypes.Deleted => """{"type":"DELETED","object":"""u8,
        WatchEventTypes.Bookmark => """{"type":"BOOKMARK","object":"""u8,
        _ => """{"type":"ERROR","object":"""u8,
    };
}
