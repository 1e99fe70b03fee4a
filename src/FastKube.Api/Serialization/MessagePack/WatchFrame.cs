using System.Buffers;
using System.Buffers.Binary;
using FastKube.Api.Meta;

namespace FastKube.Api.Serialization.MessagePack;

/// <summary>
/// The MessagePack watch stream (docs/watch-protocol.md): each event is a frame of a 4-byte big-endian
/// payload length followed by the payload, a map {1: event type str, 2: the object's own map}. The object
/// goes in as bytes that are already encoded, so the API server encodes an event once and writes the same
/// frame to every watcher.
/// </summary>
public static class WatchFrame
{
    /// <summary>The media type a client puts in Accept to get this stream.</summary>
    public const string ContentType = KubeMsgPack.ContentType;

    public const int HeaderLength = 4;

    /// <summary>Default bound on one payload: 16 MiB, ten times etcd's 1.5 MiB object limit.</summary>
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;

    public const int TypeKey = 1;

    public const int ObjectKey = 2;

    /// <summary>The frame length for an event type and an encoded object of the given size.</summary>
    public static int GetFrameLength(string eventType, int encodedObjectLength) =>
        HeaderLength + PayloadPrefixLength(EventTypeUtf8(eventType)) + encodedObjectLength;

    /// <summary>Writes one frame around <paramref name="encodedObject"/> (one complete MessagePack map).</summary>
    public static void WriteFrame(IBufferWriter<byte> output, string eventType, ReadOnlySpan<byte> encodedObject)
    {
        ArgumentNullException.ThrowIfNull(output);
        ReadOnlySpan<byte> type = EventTypeUtf8(eventType);
        int payload = PayloadPrefixLength(type) + encodedObject.Length;
        Span<byte> span = output.GetSpan(HeaderLength + payload);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)payload);
        span[4] = MessagePackCode.MinFixMap | 2;
        span[5] = TypeKey;
        span[6] = (byte)(MessagePackCode.MinFixStr | type.Length);
        type.CopyTo(span[7..]);
        int at = 7 + type.Length;
        span[at++] = ObjectKey;
        encodedObject.CopyTo(span[at..]);
        output.Advance(HeaderLength + payload);
    }

    /// <summary>One frame as an array (the form a watch cache keeps and fans out).</summary>
    public static byte[] EncodeFrame(string eventType, ReadOnlySpan<byte> encodedObject)
    {
        var buffer = new ArrayBufferWriter<byte>(GetFrameLength(eventType, encodedObject.Length));
        WriteFrame(buffer, eventType, encodedObject);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="value"/> and frames it.</summary>
    public static byte[] EncodeEvent<T>(string eventType, T value)
        where T : class => EncodeFrame(eventType, KubeMsgPack.Serialize(value));

    /// <summary>
    /// Takes the next complete frame off the front of <paramref name="input"/>. On <see cref="WatchFrameStatus.NeedMoreData"/>
    /// the input is unchanged; on <see cref="WatchFrameStatus.Frame"/> it is advanced past the frame and
    /// <paramref name="frame"/>'s object is a slice of the original input; on <see cref="WatchFrameStatus.Error"/>
    /// the stream cannot be resynchronised and must be closed.
    /// </summary>
    public static WatchFrameStatus TryReadFrame(ref ReadOnlySequence<byte> input, out WatchFrameData frame, out MessagePackError error, int maxFrameBytes = DefaultMaxFrameBytes)
    {
        frame = default;
        error = default;
        if (input.Length < HeaderLength)
        {
            return WatchFrameStatus.NeedMoreData;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        input.Slice(0, HeaderLength).CopyTo(header);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length == 0 || length > (uint)maxFrameBytes)
        {
            error = new MessagePackError(
                length == 0 ? MessagePackResult.Invalid : MessagePackResult.LimitExceeded,
                string.Empty,
                length == 0 ? "empty frame" : $"frame of {length} bytes exceeds the limit of {maxFrameBytes}",
                0);
            return WatchFrameStatus.Error;
        }

        if (input.Length - HeaderLength < length)
        {
            return WatchFrameStatus.NeedMoreData;
        }

        ReadOnlySequence<byte> payload = input.Slice(HeaderLength, length);
        if (!TryParsePayload(payload, out frame, out error))
        {
            error = error with { Offset = error.Offset + HeaderLength };
            return WatchFrameStatus.Error;
        }

        input = input.Slice(payload.End);
        return WatchFrameStatus.Frame;
    }

    private static bool TryParsePayload(in ReadOnlySequence<byte> payload, out WatchFrameData frame, out MessagePackError error)
    {
        frame = default;
        if (payload.IsSingleSegment)
        {
            return TryParsePayload(payload.FirstSpan, payload, out frame, out error);
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent((int)payload.Length);
        try
        {
            payload.CopyTo(rented);
            return TryParsePayload(rented.AsSpan(0, (int)payload.Length), payload, out frame, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryParsePayload(ReadOnlySpan<byte> bytes, in ReadOnlySequence<byte> payload, out WatchFrameData frame, out MessagePackError error)
    {
        frame = default;
        var reader = new MessagePackReader(bytes);
        string? eventType = null;
        int objectStart = -1;
        int objectEnd = -1;
        if (!reader.TryBeginMap(out int count))
        {
            error = reader.Error;
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (!reader.TryReadKey(out int key))
            {
                error = reader.Error;
                return false;
            }

            bool ok;
            switch (key)
            {
                case TypeKey:
                    ok = reader.TryReadStringSpan(out ReadOnlySpan<byte> type) || reader.FailAt("type");
                    eventType = ok ? KnownEventType(type) : null;
                    break;
                case ObjectKey when i == count - 1:
                    // The server writes the object last, so it runs to the end of the payload: no need to walk
                    // it here; decoding it checks its structure (trailing bytes included) anyway.
                    objectStart = reader.Position;
                    reader.AdvanceToEnd();
                    objectEnd = reader.Position;
                    ok = objectEnd > objectStart || reader.Fail(MessagePackResult.EndOfData, "object");
                    break;
                case ObjectKey:
                    objectStart = reader.Position;
                    ok = reader.TrySkip() || reader.FailAt("object");
                    objectEnd = reader.Position;
                    break;
                default:
                    // Keys added by a newer server are skipped, as in object maps.
                    ok = reader.TrySkip();
                    break;
            }

            if (!ok)
            {
                error = reader.Error;
                return false;
            }
        }

        reader.EndContainer();
        if (!reader.TryEnsureEnd())
        {
            error = reader.Error;
            return false;
        }

        if (eventType is null || objectStart < 0)
        {
            error = new MessagePackError(MessagePackResult.Invalid, string.Empty, eventType is null ? "frame has no event type (key 1)" : "frame has no object (key 2)", reader.Position);
            return false;
        }

        frame = new WatchFrameData(eventType, payload.Slice(objectStart, objectEnd - objectStart));
        error = default;
        return true;
    }

    private static ReadOnlySpan<byte> EventTypeUtf8(string eventType) => eventType switch
    {
        WatchEventTypes.Added => "ADDED"u8,
        WatchEventTypes.Modified => "MODIFIED"u8,
        WatchEventTypes.Deleted => "DELETED"u8,
        WatchEventTypes.Bookmark => "BOOKMARK"u8,
        WatchEventTypes.Error => "ERROR"u8,
        _ => throw new ArgumentException($"'{eventType}' is not a watch event type (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR)", nameof(eventType)),
    };

    /// <summary>Event types are returned as the shared constants so a client compares and stores no new strings.</summary>
    private static string KnownEventType(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("ADDED"u8) ? WatchEventTypes.Added
        : type.SequenceEqual("MODIFIED"u8) ? WatchEventTypes.Modified
        : type.SequenceEqual("DELETED"u8) ? WatchEventTypes.Deleted
        : type.SequenceEqual("BOOKMARK"u8) ? WatchEventTypes.Bookmark
        : type.SequenceEqual("ERROR"u8) ? WatchEventTypes.Error
        : System.Text.Encoding.UTF8.GetString(type);

    // fixmap(2), key 1, fixstr header, the type, key 2.
    private static int PayloadPrefixLength(ReadOnlySpan<byte> type) => 4 + type.Length;
}
