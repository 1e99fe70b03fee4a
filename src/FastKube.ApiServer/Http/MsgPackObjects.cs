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
        KubeTypes.All.Select(t => t.Type).Append(typeof(Status)).ToDictionary(t => t, Bind);

    /// <summary>True when the request's Accept header asks for FastKube's MessagePack.</summary>
    public static bool Requested(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains(KubeMsgPack.ContentType, StringComparison.OrdinalIgnoreCase));

    public static byte[] Encode(object obj) => Encoders[obj.GetType()](obj);

    private static Func<object, byte[]> Bind(Type type) =>
        (Func<object, byte[]>)typeof(MsgPackObjects).GetMethod(nameof(EncoderOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, null)!;

    private static Func<object, byte[]> EncoderOf<T>()
        where T : class => static obj => KubeMsgPack.Serialize((T)obj);
}
