using System.Globalization;
using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

/// <summary>
/// Streams a list response as Kubernetes JSON (<c>{"kind":"PodList","apiVersion":"v1","metadata":{…},"items":[…]}</c>)
/// or FastKube MessagePack (map {1 apiVersion, 2 kind, 3 ListMeta {2 resourceVersion, 3 continue}, 4 items}).
/// Items the watch cache served are copied from their shared encodings; others are serialized here.
/// </summary>
internal static class ListWriter
{
    // Bytes buffered before they are pushed to the client, so a 100,000-item list never sits whole in memory.
    private const int FlushThreshold = 256 * 1024;

    public static async Task WriteAsync(HttpContext context, KubeTypeInfo info, ListResult list, int statusCode)
    {
        var msgpack = MsgPackObjects.Requested(context.Request);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = msgpack ? KubeMsgPack.ContentType : "application/json";
        var output = context.Response.BodyWriter;
        var cancellationToken = context.RequestAborted;
        if (msgpack)
        {
            await WriteMsgPackAsync(context.Response, output, info, list, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteJsonAsync(output, info, list, cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(PipeWriter output, KubeTypeInfo info, ListResult list, CancellationToken cancellationToken)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("kind", info.ListKind);
        json.WriteString("apiVersion", info.ApiVersion);
        json.WriteStartObject("metadata");
        json.WriteString("resourceVersion", list.Revision.ToString(CultureInfo.InvariantCulture));
        if (list.Continue is not null)
        {
            json.WriteString("continue", list.Continue);
        }

        json.WriteEndObject();
        json.WriteStartArray("items");
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (list.Cached is { } cached)
            {
                json.WriteRawValue(cached[i].Json, skipInputValidation: true);
            }
            else
            {
                KubeJson.Serialize(json, list.Items[i]);
            }

            if (json.BytesPending + output.UnflushedBytes > FlushThreshold)
            {
                json.Flush();
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static async Task WriteMsgPackAsync(HttpResponse response, PipeWriter output, KubeTypeInfo info, ListResult list, CancellationToken cancellationToken)
    {
        var header = new ArrayBufferWriter<byte>(128);
        WriteMsgPackHeader(header, info, list);
        if (list.Cached is { } items)
        {
            // Every cached item's size is known, so the client can size its buffer once instead of growing it.
            long length = header.WrittenCount;
            for (var i = 0; i < items.Count; i++)
            {
                length += items[i].MsgPack.Length;
            }

            response.ContentLength = length;
        }

        output.Write(header.WrittenSpan);
        for (var i = 0; i < list.Items.Count; i++)
        {
            output.Write(list.Cached is { } cached ? cached[i].MsgPack : MsgPackObjects.Encode(list.Items[i]));
            if (output.UnflushedBytes > FlushThreshold)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Everything up to the items' array header; the items follow as complete maps (docs/watch-protocol.md, "Objects").
    private static void WriteMsgPackHeader(IBufferWriter<byte> output, KubeTypeInfo info, ListResult list)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(4);
        writer.WriteKey(1);
        writer.WriteString(info.ApiVersion);
        writer.WriteKey(2);
        writer.WriteString(info.ListKind);
        writer.WriteKey(3);
        writer.WriteMapHeader(list.Continue is null ? 1 : 2);
        writer.WriteKey(2);
        writer.WriteString(list.Revision.ToString(CultureInfo.InvariantCulture));
        if (list.Continue is not null)
        {
            writer.WriteKey(3);
            writer.WriteString(list.Continue);
        }

        writer.WriteKey(4);
        writer.WriteArrayHeader(list.Items.Count);
        writer.Flush();
    }
}
