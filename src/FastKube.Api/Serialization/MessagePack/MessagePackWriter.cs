using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace FastKube.Api.Serialization.MessagePack;

/// <summary>
/// Tier two of the codec: appends MessagePack to an <see cref="IBufferWriter{T}"/>. It keeps the span it was
/// last given and advances the output only when that span is full or on <see cref="Flush"/>, which the caller
/// must call once at the end.
/// </summary>
public ref partial struct MessagePackWriter
{
    // Below this many chars a string is encoded straight into the output behind a str8 header and moved down
    // one byte when it turns out to fit fixstr; 85 chars * 3 bytes stays within str8's 255 bytes.
    private const int ShortStringChars = 85;
    private const int MinimumSpan = 512;

    /// <summary>Largest fixmap / fixarray count (one header byte).</summary>
    private const int MaxFixCount = 15;

    private readonly IBufferWriter<byte> output;
    private Span<byte> span;
    private int buffered;

    public MessagePackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.output = output;
        span = default;
        buffered = 0;
    }

    /// <summary>Hands the buffered bytes to the output.</summary>
    public void Flush()
    {
        if (buffered > 0)
        {
            output.Advance(buffered);
            buffered = 0;
            span = default;
        }
    }

    public void WriteNil() => WriteByte(MessagePackCode.Nil);

    public void WriteBoolean(bool value) => WriteByte(value ? MessagePackCode.True : MessagePackCode.False);

    /// <summary>Writes a map key or other small non-negative integer; fixint (one byte) up to 127.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteKey(int key)
    {
        if ((uint)key <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteByte((byte)key);
        }
        else
        {
            WriteInt64(key);
        }
    }

    public void WriteInt32(int value) => WriteInt64(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(long value)
    {
        // Most integers of an object (ports, counts, seconds, thresholds) are fixints: one byte, no call.
        if ((ulong)value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteByte((byte)value);
            return;
        }

        WriteInt64Slow(value);
    }

    private void WriteInt64Slow(long value)
    {
        MessagePackPrimitives.TryWriteInt64(Reserve(MessagePackPrimitives.MaxIntegerLength), value, out int written);
        buffered += written;
    }

    public void WriteUInt64(ulong value)
    {
        MessagePackPrimitives.TryWriteUInt64(Reserve(MessagePackPrimitives.MaxIntegerLength), value, out int written);
        buffered += written;
    }

    public void WriteDouble(double value)
    {
        MessagePackPrimitives.TryWriteDouble(Reserve(9), value, out int written);
        buffered += written;
    }

    public void WriteTimestamp(DateTimeOffset value)
    {
        MessagePackPrimitives.TryWriteTimestamp(Reserve(MessagePackPrimitives.MaxTimestampLength), value, out int written);
        buffered += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteMapHeader(int count)
    {
        if ((uint)count <= MaxFixCount)
        {
            WriteByte((byte)(MessagePackCode.MinFixMap | count));
            return;
        }

        WriteMapHeaderSlow(count);
    }

    private void WriteMapHeaderSlow(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        MessagePackPrimitives.TryWriteMapHeader(Reserve(MessagePackPrimitives.MaxHeaderLength), (uint)count, out int written);
        buffered += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteArrayHeader(int count)
    {
        if ((uint)count <= MaxFixCount)
        {
            WriteByte((byte)(MessagePackCode.MinFixArray | count));
            return;
        }

        WriteArrayHeaderSlow(count);
    }

    private void WriteArrayHeaderSlow(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        MessagePackPrimitives.TryWriteArrayHeader(Reserve(MessagePackPrimitives.MaxHeaderLength), (uint)count, out int written);
        buffered += written;
    }

    /// <summary>Writes a string as str (UTF-8) in its smallest header form.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    public void WriteString(ReadOnlySpan<char> value)
    {
        // Most Kubernetes strings are ASCII: narrow them straight behind a fixstr or str8 header.
        if (value.Length <= 31)
        {
            Span<byte> fixstr = Reserve(1 + value.Length);
            if (Ascii.FromUtf16(value, fixstr[1..], out int narrowed) == System.Buffers.OperationStatus.Done)
            {
                fixstr[0] = (byte)(MessagePackCode.MinFixStr | narrowed);
                buffered += 1 + narrowed;
                return;
            }
        }
        else if (value.Length <= byte.MaxValue)
        {
            Span<byte> str8 = Reserve(2 + value.Length);
            if (Ascii.FromUtf16(value, str8[2..], out int narrowed) == System.Buffers.OperationStatus.Done)
            {
                str8[0] = MessagePackCode.Str8;
                str8[1] = (byte)narrowed;
                buffered += 2 + narrowed;
                return;
            }
        }

        if (value.Length <= ShortStringChars)
        {
            Span<byte> destination = Reserve(2 + (value.Length * 3));
            int length = Encoding.UTF8.GetBytes(value, destination[2..]);
            if (length <= 31)
            {
                destination.Slice(2, length).CopyTo(destination[1..]);
                destination[0] = (byte)(MessagePackCode.MinFixStr | length);
                buffered += 1 + length;
            }
            else
            {
                destination[0] = MessagePackCode.Str8;
                destination[1] = (byte)length;
                buffered += 2 + length;
            }

            return;
        }

        int byteCount = Encoding.UTF8.GetByteCount(value);
        Span<byte> target = Reserve(MessagePackPrimitives.MaxHeaderLength + byteCount);
        MessagePackPrimitives.TryWriteStringHeader(target, (uint)byteCount, out int header);
        Encoding.UTF8.GetBytes(value, target[header..]);
        buffered += header + byteCount;
    }

    /// <summary>Writes already-encoded UTF-8 as str.</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        Span<byte> target = Reserve(MessagePackPrimitives.MaxHeaderLength + utf8.Length);
        MessagePackPrimitives.TryWriteStringHeader(target, (uint)utf8.Length, out int header);
        utf8.CopyTo(target[header..]);
        buffered += header + utf8.Length;
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        Span<byte> target = Reserve(MessagePackPrimitives.MaxHeaderLength + value.Length);
        MessagePackPrimitives.TryWriteBinaryHeader(target, (uint)value.Length, out int header);
        value.CopyTo(target[header..]);
        buffered += header + value.Length;
    }

    /// <summary>Copies bytes that already are one complete MessagePack value (an object encoded once, sent many times).</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(Reserve(encoded.Length));
        buffered += encoded.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        buffered++;
    }

    /// <summary>A span of at least <paramref name="size"/> free bytes at the current position; the caller adds what it used to <see cref="buffered"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (span.Length - buffered < size)
        {
            Grow(size);
        }

        return span[buffered..];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        Flush();
        span = output.GetSpan(Math.Max(size, MinimumSpan));
    }
}
