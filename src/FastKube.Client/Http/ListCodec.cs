using System.Reflection;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Client.Http;

/// <summary>
/// Decodes the list kind of <typeparamref name="T"/> (PodList for Pod), whose CLR type the registry knows
/// only at run time: the generic MessagePack decoder and the Items getter are bound once per kind.
/// </summary>
internal sealed class ListCodec<T>
    where T : KubeObject
{
    private delegate KubeList DecodeMsgPack(byte[] bytes);

    private readonly KubeTypeInfo _info;
    private readonly DecodeMsgPack _decode;
    private readonly Func<KubeList, List<T>?> _items;

    public ListCodec(KubeTypeInfo info)
    {
        _info = info;
        _decode = typeof(ListCodec<T>).GetMethod(nameof(Decode), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(info.ListType).CreateDelegate<DecodeMsgPack>();
        var items = info.ListType.GetProperty("Items") ?? throw new InvalidOperationException($"{info.ListType} has no Items property");
        _items = list => (List<T>?)items.GetValue(list);
    }

    public async Task<ResourceList<T>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        KubeList? list;
        if (KubeClient.IsMsgPack(response))
        {
            list = _decode(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
        else
        {
            // Streamed: a large JSON list is never held as text and objects at once.
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                list = (KubeList?)await JsonSerializer.DeserializeAsync(stream, KubeJson.Options.GetTypeInfo(_info.ListType), cancellationToken).ConfigureAwait(false);
            }
        }

        return list is null
            ? throw new KubeApiException($"{response.RequestMessage?.RequestUri?.PathAndQuery}: the server answered with an empty {_info.ListKind}")
            : new ResourceList<T>(_items(list) ?? [], list.Metadata ?? new ListMeta());
    }

    private static KubeList Decode<TList>(byte[] bytes)
        where TList : KubeList => KubeMsgPack.Deserialize<TList>(bytes);
}
