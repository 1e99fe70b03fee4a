using System.Buffers;
using System.Text.Json;

namespace FastKube.Api.Serialization.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>
    /// Reads one value of a raw-JSON field (<see cref="JsonElement"/>): maps with str keys become objects, arrays
    /// arrays, and scalars their JSON form. bin becomes a base64 string and a timestamp an RFC 3339 string, as
    /// their JSON encodings in Kubernetes are; other extensions, non-str map keys and non-finite floats fail.
    /// </summary>
    public bool TryReadJson(out JsonElement value)
    {
        value = default;
        var json = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { SkipValidation = true, MaxDepth = limits.MaxDepth + 1 }))
        {
            if (!TryCopyJson(writer))
            {
                return false;
            }
        }

        value = JsonElement.Parse(json.WrittenSpan, new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 1 });
        return true;
    }

    private bool TryCopyJson(Utf8JsonWriter writer)
    {
        int count;
        switch (PeekType())
        {
            case MessagePackType.Nil:
                position++;
                writer.WriteNullValue();
                return true;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(buffer[position++] == MessagePackCode.True);
                return true;
            case MessagePackType.Integer:
                return TryCopyJsonInteger(writer);
            case MessagePackType.Float:
                if (!TryReadDouble(out double number))
                {
                    return false;
                }

                if (!double.IsFinite(number))
                {
                    return Fail(MessagePackResult.Invalid, "JSON cannot hold NaN or infinity");
                }

                writer.WriteNumberValue(number);
                return true;
            case MessagePackType.String:
                if (!TryReadStringSpan(out ReadOnlySpan<byte> text))
                {
                    return false;
                }

                writer.WriteStringValue(text);
                return true;
            case MessagePackType.Binary:
                if (!TryReadBinary(out byte[] bytes))
                {
                    return false;
                }

                writer.WriteBase64StringValue(bytes);
                return true;
            case MessagePackType.Extension:
                if (!TryReadTimestamp(out DateTimeOffset instant))
                {
                    return false;
                }

                writer.WriteStringValue(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
                return true;
            case MessagePackType.Array:
                if (!TryBeginArray(out count))
                {
                    return false;
                }

                writer.WriteStartArray();
                for (int i = 0; i < count; i++)
                {
                    if (!TryCopyJson(writer))
                    {
                        return FailAtIndex(i);
                    }
                }

                writer.WriteEndArray();
                EndContainer();
                return true;
            case MessagePackType.Map:
                if (!TryBeginMap(out count))
                {
                    return false;
                }

                writer.WriteStartObject();
                for (int i = 0; i < count; i++)
                {
                    if (!TryReadStringSpan(out ReadOnlySpan<byte> name))
                    {
                        return false;
                    }

                    writer.WritePropertyName(name);
                    if (!TryCopyJson(writer))
                    {
                        return FailAtKey(System.Text.Encoding.UTF8.GetString(name));
                    }
                }

                writer.WriteEndObject();
                EndContainer();
                return true;
            case MessagePackType.Unknown when !End:
                return Fail(MessagePackResult.Invalid, "format byte 0xc1 is never used");
            default:
                return Fail(MessagePackResult.EndOfData, "value");
        }
    }

    private bool TryCopyJsonInteger(Utf8JsonWriter writer)
    {
        if (buffer[position] == MessagePackCode.UInt64 && Remaining >= 9)
        {
            writer.WriteNumberValue(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(position + 1, 8)));
            position += 9;
            return true;
        }

        if (!TryReadInt64(out long integer))
        {
            return false;
        }

        writer.WriteNumberValue(integer);
        return true;
    }
}
