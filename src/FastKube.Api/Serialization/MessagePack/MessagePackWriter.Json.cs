using System.Text.Json;

namespace FastKube.Api.Serialization.MessagePack;

public ref partial struct MessagePackWriter
{
    /// <summary>
    /// Writes raw JSON as natural MessagePack: object → map with str keys (in document order), array → array,
    /// string → str, integral number → int (uint64 above <see cref="long.MaxValue"/>), other number → float64,
    /// true/false → bool, null (and an undefined element) → nil.
    /// </summary>
    public void WriteJson(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                int properties = 0;
                foreach (JsonProperty _ in value.EnumerateObject())
                {
                    properties++;
                }

                WriteMapHeader(properties);
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    WriteString(property.Name);
                    WriteJson(property.Value);
                }

                break;
            case JsonValueKind.Array:
                WriteArrayHeader(value.GetArrayLength());
                foreach (JsonElement item in value.EnumerateArray())
                {
                    WriteJson(item);
                }

                break;
            case JsonValueKind.String:
                WriteString(value.GetString()!);
                break;
            case JsonValueKind.Number:
                if (value.TryGetInt64(out long integer))
                {
                    WriteInt64(integer);
                }
                else if (value.TryGetUInt64(out ulong unsigned))
                {
                    WriteUInt64(unsigned);
                }
                else
                {
                    WriteDouble(value.GetDouble());
                }

                break;
            case JsonValueKind.True:
                WriteBoolean(true);
                break;
            case JsonValueKind.False:
                WriteBoolean(false);
                break;
            default:
                WriteNil();
                break;
        }
    }
}
