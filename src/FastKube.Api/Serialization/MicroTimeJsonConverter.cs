using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastKube.Api.Serialization;

/// <summary>
/// meta/v1 MicroTime (Event.eventTime, Lease acquireTime/renewTime): RFC 3339 in UTC with exactly six
/// fractional digits (<c>2024-01-02T03:04:05.000000Z</c>). Put on the property with [JsonConverter].
/// </summary>
public sealed class MicroTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Rfc3339.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Rfc3339.Write(writer, value, micro: true);
    }
}
