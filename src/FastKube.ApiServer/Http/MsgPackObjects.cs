using System.Reflection;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.ApiServer.Http;

/// <summary>
/// MessagePack encoding by runtime type: the generated formatters are generic, so one typed encoder per
/// served kind (and Status) is bound once at start-up.
/// </summary>
internal static class MsgPackObjects
{
    private static readonly Dictionary<Type, Func<object, byte[]>> Encoders =
        KubeTypes.All.Select(t => t.Type).Append(typeof(Status)).ToDictionary(t => t, t => Bind<Func<object, byte[]>>(nameof(EncoderOf), t));

    private static readonly Dictionary<Type, Func<ReadOnlyMemory<byte>, object>> Decoders =
        KubeTypes.All.Select(t => t.Type).ToDictionary(t => t, t => Bind<Func<ReadOnlyMemory<byte>, object>>(nameof(DecoderOf), t));

    /// <summary>True when the request's Accept header asks for FastKube's MessagePack.</summary>
    public static bool Requested(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains(KubeMsgPack.ContentType, StringComparison.OrdinalIgnoreCase));

    public static byte[] Encode(object obj) => Encoders[obj.GetType()](obj);

    /// <summary>Decodes an object of a served kind; throws MessagePackDecodeException on bytes that are not one.</summary>
    public static object Decode(Type type, ReadOnlyMemory<byte> bytes) => Decoders[type](bytes);

    private static TDelegate Bind<TDelegate>(string factory, Type type) =>
        (TDelegate)typeof(MsgPackObjects).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, null)!;

    private static Func<object, byte[]> EncoderOf<T>()
        where T : class => static obj => KubeMsgPack.Serialize((T)obj);

    private static Func<ReadOnlyMemory<byte>, object> DecoderOf<T>()
        where T : class => static bytes => KubeMsgPack.Deserialize<T>(bytes.Span);
}
