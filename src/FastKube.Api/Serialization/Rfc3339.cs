using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace FastKube.Api.Serialization;

/// <summary>
/// Reading and writing of meta/v1 Time and MicroTime. Both are RFC 3339 strings; Go's parser accepts any
/// offset and any fraction, so we do too, but an offset (or Z) is required because a time without one
/// would otherwise be read in the machine's local zone.
/// </summary>
internal static class Rfc3339
{
    // "2024-01-02T03:04:05.000000Z" is 27 bytes.
    private const int MaxWrittenLength = 32;

    public static DateTimeOffset Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            ThrowNotTime();
        }

        if (!reader.TryGetDateTimeOffset(out DateTimeOffset value) || !HasOffset(ref reader))
        {
            ThrowNotTime();
        }

        return value;
    }

    public static void Write(Utf8JsonWriter writer, DateTimeOffset value, bool micro)
    {
        Span<byte> buffer = stackalloc byte[MaxWrittenLength];
        DateTime utc = value.UtcDateTime;
        // Go truncates (not rounds) to the precision it writes, so 05.9 is written as 05.
        string format = micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'";
        if (!utc.TryFormat(buffer, out int written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("time does not fit its format buffer");
        }

        writer.WriteStringValue(buffer[..written]);
    }

    // The string is already known to be a valid ISO 8601 time; RFC 3339 additionally requires the
    // date-time form with an explicit zone.
    private static bool HasOffset(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return HasOffset(reader.ValueSpan);
        }

        long length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        Span<byte> text = stackalloc byte[64];
        return length <= text.Length && HasOffset(text[..reader.CopyString(text)]);
    }

    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        if (text.Length < 20 || (text[10] != 'T' && text[10] != 't'))
        {
            return false;
        }

        byte last = text[^1];
        if (last is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        return text.Length >= 25 && text[^6] is (byte)'+' or (byte)'-' && text[^3] == ':'
            && Utf8Parser.TryParse(text[^5..^3], out int _, out int _);
    }

    [DoesNotReturn]
    private static void ThrowNotTime() =>
        throw new JsonException("The value is not an RFC 3339 time (for example \"2024-01-02T03:04:05Z\").");
}
