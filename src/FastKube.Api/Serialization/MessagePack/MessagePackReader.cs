using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace FastKube.Api.Serialization.MessagePack;

/// <summary>
/// Tier two of the codec: reads MessagePack from one contiguous span (multi-segment input is made contiguous
/// by the caller, see <see cref="KubeMsgPack"/>). Every method returns false on failure and records the first
/// error; generated formatters then add field path segments while they unwind, and <see cref="Error"/>
/// renders them. Nothing here throws on bad input, and no declared length is trusted beyond the bytes left.
/// </summary>
public ref partial struct MessagePackReader
{
    private readonly ReadOnlySpan<byte> buffer;
    private readonly MessagePackLimits limits;

    // Copies of the limits the per-container fast paths check, saving a load through the limits object.
    private readonly int maxDepth;
    private readonly int maxEntries;
    private readonly int maxStringBytes;
    private int position;
    private int depth;
    private MessagePackResult errorCode;
    private string? errorReason;
    private int errorOffset;

    // Path segments of the failure, innermost first; allocated only once something failed.
    private List<string>? failurePath;

    public MessagePackReader(ReadOnlySpan<byte> buffer, MessagePackLimits? limits = null)
    {
        this.buffer = buffer;
        this.limits = limits ?? MessagePackLimits.Default;
        maxDepth = this.limits.MaxDepth;
        maxEntries = this.limits.MaxCollectionEntries;
        maxStringBytes = this.limits.MaxStringBytes;
        position = 0;
        depth = 0;
        errorCode = MessagePackResult.Ok;
        errorReason = null;
        errorOffset = 0;
        failurePath = null;
    }

    public readonly int Position => position;

    public readonly int Remaining => buffer.Length - position;

    public readonly bool End => position >= buffer.Length;

    public readonly MessagePackLimits Limits => limits;

    /// <summary>The recorded failure with its field path (JSON names), or a default value with code Ok.</summary>
    public readonly MessagePackError Error =>
        errorCode == MessagePackResult.Ok
            ? default
            : new MessagePackError(errorCode, RenderPath(), errorReason ?? errorCode.ToString(), errorOffset);

    private readonly ReadOnlySpan<byte> Rest => buffer[position..];

    /// <summary>Consumes a nil and returns true, or returns false (without error) when the next value is not nil.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNil()
    {
        if (position < buffer.Length && buffer[position] == MessagePackCode.Nil)
        {
            position++;
            return true;
        }

        return false;
    }

    /// <summary>The type of the next value without consuming it (<see cref="MessagePackType.Unknown"/> at the end).</summary>
    public readonly MessagePackType PeekType() =>
        position < buffer.Length ? MessagePackPrimitives.GetType(buffer[position]) : MessagePackType.Unknown;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadBoolean(out bool value)
    {
        if (position < buffer.Length && (buffer[position] | 1) == MessagePackCode.True)
        {
            value = buffer[position++] == MessagePackCode.True;
            return true;
        }

        return Check(MessagePackPrimitives.TryReadBoolean(Rest, out value, out int consumed), consumed, "bool");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadInt32(out int value)
    {
        if (position < buffer.Length && buffer[position] <= MessagePackCode.MaxPositiveFixInt)
        {
            value = buffer[position++];
            return true;
        }

        return Check(MessagePackPrimitives.TryReadInt32(Rest, out value, out int consumed), consumed, "int32");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadInt64(out long value)
    {
        if (position < buffer.Length && buffer[position] <= MessagePackCode.MaxPositiveFixInt)
        {
            value = buffer[position++];
            return true;
        }

        return Check(MessagePackPrimitives.TryReadInt64(Rest, out value, out int consumed), consumed, "int64");
    }

    public bool TryReadDouble(out double value) =>
        Check(MessagePackPrimitives.TryReadDouble(Rest, out value, out int consumed), consumed, "float64");

    public bool TryReadTimestamp(out DateTimeOffset value)
    {
        // Kubernetes times are whole seconds after 1970 (metav1.Time), which the writer puts in timestamp 32:
        // fixext4, type -1, uint32 seconds. Every such value is a valid instant.
        if (buffer.Length - position >= 6
            && buffer[position] == MessagePackCode.FixExt4
            && buffer[position + 1] == unchecked((byte)MessagePackCode.TimestampExtension))
        {
            uint seconds = BinaryPrimitives.ReadUInt32BigEndian(buffer.Slice(position + 2, 4));
            value = new DateTimeOffset(DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond), TimeSpan.Zero);
            position += 6;
            return true;
        }

        return Check(MessagePackPrimitives.TryReadTimestamp(Rest, out value, out int consumed), consumed, "timestamp");
    }

    /// <summary>Reads a map key, which FastKube requires to be an integer (the field's wire key).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadKey(out int key)
    {
        if (position < buffer.Length && buffer[position] <= MessagePackCode.MaxPositiveFixInt)
        {
            key = buffer[position++];
            return true;
        }

        return Check(MessagePackPrimitives.TryReadInt32(Rest, out key, out int consumed), consumed, "integer map key");
    }

    /// <summary>
    /// Consumes the next map key when it is <paramref name="key"/> (0-127, one fixint byte) and returns true;
    /// otherwise consumes nothing, records no error, and returns false. Generated readers try the keys in the
    /// order the writer emits them with this before falling back to <see cref="TryReadKey"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadKeyIf(int key)
    {
        if (position < buffer.Length && buffer[position] == key)
        {
            position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads a str and returns its UTF-8 bytes (a slice of the input), validated.</summary>
    public bool TryReadStringSpan(out ReadOnlySpan<byte> utf8)
    {
        int start = position;
        if (!TryReadStringBytes(out utf8))
        {
            return false;
        }

        if (!Utf8.IsValid(utf8))
        {
            utf8 = default;
            position = start;
            return Fail(MessagePackResult.Invalid, "string is not valid UTF-8");
        }

        return true;
    }

    /// <summary>Reads a str as a string; short ASCII strings come from <see cref="Utf8StringCache"/> when it has them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadString(out string value)
    {
        // A fixstr or short str8 that the cache holds (most strings of an object; image references and UIDs
        // are str8) is read without a call.
        if (position < buffer.Length - 1)
        {
            byte code = buffer[position];
            int header = 1;
            int length = code & 0x1f;
            if (code == MessagePackCode.Str8)
            {
                header = 2;
                length = buffer[position + 1];
            }
            else if ((code & 0xe0) != MessagePackCode.MinFixStr)
            {
                return TryReadStringSlow(out value);
            }

            if (length <= Utf8StringCache.MaxLength && length <= maxStringBytes && length <= buffer.Length - position - header)
            {
                string? cached = Utf8StringCache.Find(buffer.Slice(position + header, length), out _);
                if (cached is not null)
                {
                    position += header + length;
                    value = cached;
                    return true;
                }
            }
        }

        return TryReadStringSlow(out value);
    }

    private bool TryReadStringSlow(out string value)
    {
        int start = position;
        if (!TryReadStringBytes(out ReadOnlySpan<byte> utf8))
        {
            value = string.Empty;
            return false;
        }

        if (utf8.Length <= Utf8StringCache.MaxLength)
        {
            string? cached = Utf8StringCache.Find(utf8, out int slot);
            if (cached is not null)
            {
                value = cached;
                return true;
            }

            if (Ascii.IsValid(utf8))
            {
                value = Encoding.ASCII.GetString(utf8);
                Utf8StringCache.Store(utf8, slot, value);
                return true;
            }
        }

        if (!Utf8.IsValid(utf8))
        {
            position = start;
            value = string.Empty;
            return Fail(MessagePackResult.Invalid, "string is not valid UTF-8");
        }

        value = Encoding.UTF8.GetString(utf8);
        return true;
    }

    /// <summary>Reads a str header and slices its bytes, unvalidated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadStringBytes(out ReadOnlySpan<byte> utf8)
    {
        if (position < buffer.Length)
        {
            byte code = buffer[position];
            if ((code & 0xe0) == MessagePackCode.MinFixStr)
            {
                int length = code & 0x1f;
                if (length < buffer.Length - position)
                {
                    utf8 = buffer.Slice(position + 1, length);
                    position += 1 + length;
                    return true;
                }
            }
        }

        return TryReadStringBytesSlow(out utf8);
    }

    private bool TryReadStringBytesSlow(out ReadOnlySpan<byte> utf8)
    {
        utf8 = default;
        MessagePackResult result = MessagePackPrimitives.TryReadStringHeader(Rest, out uint length, out int header);
        if (result != MessagePackResult.Ok)
        {
            return Fail(result, "str");
        }

        if (length > (uint)limits.MaxStringBytes)
        {
            return Fail(MessagePackResult.LimitExceeded, $"string of {length} bytes exceeds the limit of {limits.MaxStringBytes}");
        }

        if (length > (uint)(Remaining - header))
        {
            return Fail(MessagePackResult.EndOfData, $"string of {length} bytes runs past the end of the input");
        }

        utf8 = buffer.Slice(position + header, (int)length);
        position += header + (int)length;
        return true;
    }

    public bool TryReadBinary(out byte[] value)
    {
        value = [];
        MessagePackResult result = MessagePackPrimitives.TryReadBinaryHeader(Rest, out uint length, out int header);
        if (result != MessagePackResult.Ok)
        {
            return Fail(result, "bin");
        }

        if (length > (uint)limits.MaxBinaryBytes)
        {
            return Fail(MessagePackResult.LimitExceeded, $"binary of {length} bytes exceeds the limit of {limits.MaxBinaryBytes}");
        }

        if (length > (uint)(Remaining - header))
        {
            return Fail(MessagePackResult.EndOfData, $"binary of {length} bytes runs past the end of the input");
        }

        value = buffer.Slice(position + header, (int)length).ToArray();
        position += header + (int)length;
        return true;
    }

    /// <summary>Reads a map header and enters one nesting level; call <see cref="EndContainer"/> after its entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryBeginMap(out int count)
    {
        // fixmap (up to 15 entries) inline; the same checks as the slow path, in fewer steps.
        if (position < buffer.Length && (buffer[position] & 0xf0) == MessagePackCode.MinFixMap && depth < maxDepth)
        {
            count = buffer[position] & 0x0f;
            if (count * 2 < buffer.Length - position && count <= maxEntries)
            {
                position++;
                depth++;
                return true;
            }
        }

        return TryBeginMapSlow(out count);
    }

    private bool TryBeginMapSlow(out int count)
    {
        MessagePackResult result = MessagePackPrimitives.TryReadMapHeader(Rest, out uint entries, out int header);
        count = 0;
        if (result != MessagePackResult.Ok)
        {
            return Fail(result, "map");
        }

        // Each entry needs at least two bytes (key and value), so a larger count cannot be in the input.
        return Enter(entries, header, 2, out count);
    }

    /// <summary>Reads an array header and enters one nesting level; call <see cref="EndContainer"/> after its elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryBeginArray(out int count)
    {
        if (position < buffer.Length && (buffer[position] & 0xf0) == MessagePackCode.MinFixArray && depth < maxDepth)
        {
            count = buffer[position] & 0x0f;
            if (count < buffer.Length - position && count <= maxEntries)
            {
                position++;
                depth++;
                return true;
            }
        }

        return TryBeginArraySlow(out count);
    }

    private bool TryBeginArraySlow(out int count)
    {
        MessagePackResult result = MessagePackPrimitives.TryReadArrayHeader(Rest, out uint entries, out int header);
        count = 0;
        if (result != MessagePackResult.Ok)
        {
            return Fail(result, "array");
        }

        return Enter(entries, header, 1, out count);
    }

    public void EndContainer() => depth--;

    /// <summary>Treats the rest of the input as consumed (a caller that hands the remaining bytes on undecoded).</summary>
    internal void AdvanceToEnd() => position = buffer.Length;

    /// <summary>Adds a field name to the failure path (called while unwinding, innermost first).</summary>
    public bool FailAt(string segment)
    {
        (failurePath ??= []).Add(segment);
        return false;
    }

    /// <summary>Adds a field name and an index (<c>name[index]</c>) to the failure path.</summary>
    public bool FailAt(string segment, int index)
    {
        (failurePath ??= []).Add($"[{index}]");
        failurePath.Add(segment);
        return false;
    }

    /// <summary>Adds a field name and a map key (<c>name["key"]</c>) to the failure path.</summary>
    public bool FailAt(string segment, string key)
    {
        (failurePath ??= []).Add($"[\"{key}\"]");
        failurePath.Add(segment);
        return false;
    }

    /// <summary>Adds an index segment only (elements of nested collections).</summary>
    public bool FailAtIndex(int index)
    {
        (failurePath ??= []).Add($"[{index}]");
        return false;
    }

    /// <summary>Adds a map key segment only (values of nested maps).</summary>
    public bool FailAtKey(string key)
    {
        (failurePath ??= []).Add($"[\"{key}\"]");
        return false;
    }

    /// <summary>Records a failure at the current position (the first one wins) and returns false.</summary>
    public bool Fail(MessagePackResult code, string reasonOrExpected)
    {
        if (errorCode == MessagePackResult.Ok)
        {
            errorCode = code;
            errorOffset = position;
            errorReason = code switch
            {
                MessagePackResult.TypeMismatch => $"expected {reasonOrExpected}, found {Describe()}",
                MessagePackResult.EndOfData when !reasonOrExpected.Contains(' ', StringComparison.Ordinal) => $"input ends inside {reasonOrExpected}",
                MessagePackResult.Invalid when !reasonOrExpected.Contains(' ', StringComparison.Ordinal) => $"invalid {reasonOrExpected}",
                _ => reasonOrExpected,
            };
        }

        return false;
    }

    /// <summary>Fails unless the whole input was consumed (one decode call reads exactly one value).</summary>
    public bool TryEnsureEnd() =>
        End || Fail(MessagePackResult.Invalid, $"{Remaining} trailing bytes after the value");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Check(MessagePackResult result, int consumed, string expected)
    {
        if (result == MessagePackResult.Ok)
        {
            position += consumed;
            return true;
        }

        return Fail(result, expected);
    }

    private bool Enter(uint entries, int header, int minimumEntryBytes, out int count)
    {
        count = 0;
        if (entries > (uint)limits.MaxCollectionEntries)
        {
            return Fail(MessagePackResult.LimitExceeded, $"{entries} entries exceed the limit of {limits.MaxCollectionEntries}");
        }

        if ((ulong)entries * (ulong)minimumEntryBytes > (ulong)(Remaining - header))
        {
            return Fail(MessagePackResult.EndOfData, $"{entries} entries cannot fit in the {Remaining - header} bytes left");
        }

        if (depth >= limits.MaxDepth)
        {
            return Fail(MessagePackResult.LimitExceeded, $"nesting deeper than the limit of {limits.MaxDepth}");
        }

        depth++;
        position += header;
        count = (int)entries;
        return true;
    }

    private readonly string Describe()
    {
        if (End)
        {
            return "end of input";
        }

        byte code = buffer[position];
        MessagePackType type = MessagePackPrimitives.GetType(code);
        return type == MessagePackType.Unknown
            ? $"format byte 0x{code:x2}"
            : $"{type.ToString().ToLowerInvariant()} (0x{code:x2})";
    }

    private readonly string RenderPath()
    {
        if (failurePath is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (int i = failurePath.Count - 1; i >= 0; i--)
        {
            string segment = failurePath[i];
            if (builder.Length > 0 && segment[0] != '[')
            {
                builder.Append('.');
            }

            builder.Append(segment);
        }

        return builder.ToString();
    }
}
