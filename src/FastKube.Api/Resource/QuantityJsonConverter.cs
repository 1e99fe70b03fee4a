using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastKube.Api.Resource;

/// <summary>
/// A <see cref="Quantity"/> is a JSON string in canonical form; like upstream, a JSON number is read as
/// the quantity its text spells, and null as zero.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    // Longer input cannot be a quantity this type holds (28 digits, a sign, a point and a suffix fit).
    private const int MaxInputLength = 128;

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
        if (length > MaxInputLength)
        {
            ThrowInvalid();
        }

        Span<char> text = stackalloc char[MaxInputLength];
        int written = reader.CopyString(text);
        if (!Quantity.TryParse(text[..written], out Quantity quantity))
        {
            ThrowInvalid();
        }

        return quantity;
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[48];
        writer.WriteStringValue(text[..value.FormatCanonical(text)]);
    }

    private static void ThrowInvalid() =>
        throw new JsonException("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
}
