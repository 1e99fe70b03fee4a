using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Api.Serialization;

/// <summary>
/// FastKube's MessagePack form of API objects (content type <c>application/vnd.fastkube.msgpack</c>): maps keyed
/// by each field's wire key, written and read by generated formatters (no reflection at run time). The
/// wire format is described in docs/msgpack-schema.md and docs/watch-protocol.md.
/// </summary>
public static class KubeMsgPack
{
    public const string ContentType = "application/vnd.fastkube.msgpack";

    // Reused per thread by Serialize(value): encoding a Pod then needs no buffer growth, only the result array.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>Called by generated module initializers; registers the formatter <see cref="Serialize{T}(T)"/> and the readers use.</summary>
    public static void Register<T>(IMessagePackFormatter<T> formatter)
        where T : class =>
        FormatterCache<T>.Instance = formatter ?? throw new ArgumentNullException(nameof(formatter));

    /// <summary>Whether a generated formatter exists for <typeparamref name="T"/>.</summary>
    public static bool CanSerialize<T>()
        where T : class => FormatterCache<T>.Instance is not null;

    public static byte[] Serialize<T>(T value)
        where T : class
    {
        ArrayBufferWriter<byte> buffer = scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Serialize(buffer, value);
        byte[] result = buffer.WrittenSpan.ToArray();

        // Do not pin a huge buffer to the thread after an unusually large object.
        if (buffer.Capacity > 1024 * 1024)
        {
            scratch = null;
        }

        return result;
    }

    public static void Serialize<T>(IBufferWriter<byte> output, T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        var writer = new MessagePackWriter(output);
        Formatter<T>().Serialize(ref writer, value);
        writer.Flush();
    }

    /// <summary>Reads one object; throws <see cref="MessagePackDecodeException"/> (with field path) on any malformed input.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> data, MessagePackLimits? limits = null)
        where T : class =>
        TryDeserialize(data, out T? value, out MessagePackError error, limits) ? value : ThrowDecode<T>(error);

    /// <summary>Reads one object from possibly segmented input; throws <see cref="MessagePackDecodeException"/> on malformed input.</summary>
    public static T Deserialize<T>(in ReadOnlySequence<byte> data, MessagePackLimits? limits = null)
        where T : class =>
        TryDeserialize(data, out T? value, out MessagePackError error, limits) ? value : ThrowDecode<T>(error);

    /// <summary>Reads one object; the whole input must be exactly one map (nil and trailing bytes are errors).</summary>
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> data, [NotNullWhen(true)] out T? value, out MessagePackError error, MessagePackLimits? limits = null)
        where T : class
    {
        limits ??= MessagePackLimits.Default;
        value = null;
        if (data.Length > limits.MaxTotalInputBytes)
        {
            error = new MessagePackError(MessagePackResult.LimitExceeded, string.Empty, $"input of {data.Length} bytes exceeds the limit of {limits.MaxTotalInputBytes}", 0);
            return false;
        }

        var reader = new MessagePackReader(data, limits);
        if (reader.TryReadNil())
        {
            reader.Fail(MessagePackResult.TypeMismatch, "map, found nil");
        }
        else if (Formatter<T>().TryDeserialize(ref reader, out value) && reader.TryEnsureEnd())
        {
            error = default;
            return value is not null;
        }

        value = null;
        error = reader.Error;
        return false;
    }

    public static bool TryDeserialize<T>(in ReadOnlySequence<byte> data, [NotNullWhen(true)] out T? value, out MessagePackError error, MessagePackLimits? limits = null)
        where T : class
    {
        if (data.IsSingleSegment)
        {
            return TryDeserialize(data.FirstSpan, out value, out error, limits);
        }

        limits ??= MessagePackLimits.Default;
        if (data.Length > limits.MaxTotalInputBytes)
        {
            value = null;
            error = new MessagePackError(MessagePackResult.LimitExceeded, string.Empty, $"input of {data.Length} bytes exceeds the limit of {limits.MaxTotalInputBytes}", 0);
            return false;
        }

        // The span reader needs contiguous bytes; segmented input (a large watch frame) is copied once.
        int length = (int)data.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            data.CopyTo(rented);
            return TryDeserialize(rented.AsSpan(0, length), out value, out error, limits);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static IMessagePackFormatter<T> Formatter<T>()
        where T : class =>
        FormatterCache<T>.Instance ?? ThrowNoFormatter<T>();

    [DoesNotReturn]
    private static T ThrowDecode<T>(MessagePackError error) => throw new MessagePackDecodeException(error);

    [DoesNotReturn]
    private static IMessagePackFormatter<T> ThrowNoFormatter<T>()
        where T : class =>
        throw new InvalidOperationException($"{typeof(T).FullName} has no MessagePack formatter: it needs [WireKey] properties in an assembly that runs FastKube.Api.Generators.");

    private static class FormatterCache<T>
        where T : class
    {
        public static IMessagePackFormatter<T>? Instance;
    }
}
