using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastKube.Api.Serialization;

/// <summary>
/// meta/v1 Time: written as RFC 3339 in UTC with whole seconds (<c>2024-01-02T03:04:05Z</c>), the
/// precision upstream keeps; read from any RFC 3339 offset and fraction. Registered for every
/// <see cref="DateTimeOffset"/> in <see cref="KubeJsonContext"/>.
/// </summary>
public sealed class TimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Rfc3339.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Rfc3339.Write(writer, value, micro: false);
    }
}
