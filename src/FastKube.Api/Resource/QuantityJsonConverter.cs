using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastKube.Api.Resource;

/// <summary>
/// A <see cref="Quantity"/> is a JSON string in canonical form; like upstream, a JSON number is read as
/// the quantity its text spells, surrounding whitespace inside a string is ignored, and null reads as zero.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override bool HandleNull => true;

    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            throw new JsonException("A quantity must be a string or a number.");
        }

        long length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > Quantity.MaxParsedLength)
        {
            ThrowInvalid();
        }

        Span<byte> buffer = stackalloc byte[Quantity.MaxParsedLength];
        scoped ReadOnlySpan<byte> text;
        if (reader.TokenType == JsonTokenType.String)
        {
            text = buffer[..reader.CopyString(buffer)];
        }
        else if (reader.HasValueSequence)
        {
            reader.ValueSequence.CopyTo(buffer);
            text = buffer[..(int)length];
        }
        else
        {
            text = reader.ValueSpan;
        }

        if (!Quantity.TryParse(text.Trim(" \t\r\n"u8), out Quantity quantity))
        {
            ThrowInvalid();
        }

        return quantity;
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[Quantity.MaxFormattedLength];
        value.TryFormat(text, out int written);
        writer.WriteStringValue(text[..written]);
    }

    private static void ThrowInvalid() =>
        throw new JsonException("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
}
