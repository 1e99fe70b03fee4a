using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastKube.Api;

/// <summary>An <see cref="IntOrString"/> is a JSON number (int32) or a JSON string; null reads as 0 like upstream.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override bool HandleNull => true;

    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => default,
            JsonTokenType.String => new IntOrString(reader.GetString()!),
            JsonTokenType.Number when reader.TryGetInt32(out int value) => new IntOrString(value),
            _ => throw new JsonException("An int-or-string must be a 32-bit integer or a string."),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsString)
        {
            writer.WriteStringValue(value.StringValue);
        }
        else
        {
            writer.WriteNumberValue(value.IntValue);
        }
    }
}
