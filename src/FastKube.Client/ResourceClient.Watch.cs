using System.Runtime.CompilerServices;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Client.Http;

namespace FastKube.Client;

public sealed partial class ResourceClient<T>
{
    /// <summary>
    /// Watches over the MessagePack frame stream (docs/watch-protocol.md). The request is sent when enumeration
    /// starts; a refusal then (e.g. 410 for a compacted resourceVersion) throws <see cref="KubeApiException"/>.
    /// An ERROR frame is yielded as a <see cref="WatchEventType.Error"/> event with the server's Status, after
    /// which the server ends the stream. Enumeration ends when the server closes the watch (timeoutSeconds, or
    /// its own reasons); a broken connection throws <see cref="IOException"/> or <see cref="HttpRequestException"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? ns = null, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var uri = new QueryBuilder(Path(ns, null)).Add("watch", "true").Add(options).ToString();
        using var response = await _client.SendAsync(HttpMethod.Get, uri, null, msgpack: true, cancellationToken).ConfigureAwait(false);
        if (!KubeClient.IsMsgPack(response))
        {
            throw new KubeApiException($"GET {uri}: the server answered {response.Content.Headers.ContentType} instead of {KubeMsgPack.ContentType}; FastKube's client watches only over MessagePack");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var reader = new WatchFrameReader(stream, _client.Options.MaxWatchFrameBytes);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
            {
                yield return frame.EventType switch
                {
                    WatchEventTypes.Added => new WatchEvent<T>(WatchEventType.Added, KubeMsgPack.Deserialize<T>(frame.Object), null),
                    WatchEventTypes.Modified => new WatchEvent<T>(WatchEventType.Modified, KubeMsgPack.Deserialize<T>(frame.Object), null),
                    WatchEventTypes.Deleted => new WatchEvent<T>(WatchEventType.Deleted, KubeMsgPack.Deserialize<T>(frame.Object), null),
                    WatchEventTypes.Bookmark => new WatchEvent<T>(WatchEventType.Bookmark, KubeMsgPack.Deserialize<T>(frame.Object), null),
                    WatchEventTypes.Error => new WatchEvent<T>(WatchEventType.Error, null, KubeMsgPack.Deserialize<Status>(frame.Object)),
                    _ => throw new InvalidDataException($"GET {uri}: unknown watch event type \"{frame.EventType}\""),
                };
            }
        }
    }
}
