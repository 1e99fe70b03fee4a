using System.Text;
using System.Text.Json.Nodes;

namespace FastKube.Api.Serialization.Protobuf;

/// <summary>
/// Reads Kubernetes protobuf request bodies (<c>application/vnd.kubernetes.protobuf</c>) into Kubernetes
/// JSON, for the kinds kubectl's typed <c>create</c> subcommands send: the 4-byte magic <c>k8s\0</c>, then
/// a runtime.Unknown (typeMeta 1 {apiVersion 1, kind 2}, raw 2), whose raw bytes are the object's message.
/// Field numbers are upstream's (k8s.io/api and apimachinery generated.proto). The JSON then takes the
/// ordinary decode, defaulting and validation path; responses are always JSON, which clients accept.
/// </summary>
public static class KubeProtobuf
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private const int MaxDepth = 32;

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>The kinds whose protobuf form can be read.</summary>
    public static IReadOnlyCollection<string> Kinds => ProtoSchemas.Objects.Keys;

    /// <summary>Decodes a protobuf body to a JSON object with apiVersion and kind; false with a reason on malformed input or an unsupported kind.</summary>
    public static bool TryDecodeToJson(ReadOnlySpan<byte> body, out JsonObject json, out string error)
    {
        json = [];
        if (!body.StartsWith(Magic))
        {
            error = "protobuf body does not start with the Kubernetes magic prefix k8s\\0";
            return false;
        }

        string? apiVersion = null, kind = null;
        ReadOnlySpan<byte> raw = default;
        var unknown = new ProtoReader(body[Magic.Length..]);
        while (!unknown.End)
        {
            if (!unknown.TryReadTag(out var field, out var wireType))
            {
                error = "malformed protobuf envelope";
                return false;
            }

            if (field is 1 or 2 && wireType == WireType.LengthDelimited && unknown.TryReadBytes(out var bytes))
            {
                if (field == 2)
                {
                    raw = bytes;
                }
                else if (!TryReadTypeMeta(bytes, out apiVersion, out kind))
                {
                    error = "malformed protobuf typeMeta";
                    return false;
                }
            }
            else if (field is 1 or 2 || !unknown.TrySkip(wireType))
            {
                error = "malformed protobuf envelope";
                return false;
            }
        }

        if (kind is null || !ProtoSchemas.Objects.TryGetValue(kind, out var schema))
        {
            error = $"protobuf bodies are read for {string.Join(", ", ProtoSchemas.Objects.Keys)}; got kind \"{kind}\" (send JSON instead)";
            return false;
        }

        if (!TryReadMessage(raw, schema, json, 0, out error))
        {
            return false;
        }

        json["apiVersion"] = apiVersion;
        json["kind"] = kind;
        return true;
    }

    private static bool TryReadTypeMeta(ReadOnlySpan<byte> bytes, out string? apiVersion, out string? kind)
    {
        apiVersion = kind = null;
        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (wireType == WireType.LengthDelimited && reader.TryReadBytes(out var text))
            {
                if (field == 1)
                {
                    apiVersion = Encoding.UTF8.GetString(text);
                }
                else if (field == 2)
                {
                    kind = Encoding.UTF8.GetString(text);
                }
            }
            else if (!reader.TrySkip(wireType))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadMessage(ReadOnlySpan<byte> bytes, ProtoMessage schema, JsonObject target, int depth, out string error)
    {
        error = "";
        if (depth > MaxDepth)
        {
            error = "protobuf message nested too deeply";
            return false;
        }

        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var number, out var wireType))
            {
                error = $"malformed protobuf in {schema.Name}";
                return false;
            }

            if (!schema.Fields.TryGetValue(number, out var field))
            {
                // A field FastKube does not model (e.g. managedFields): skipped, as JSON drops unknown fields.
                if (!reader.TrySkip(wireType))
                {
                    error = $"malformed protobuf in {schema.Name}";
                    return false;
                }

                continue;
            }

            if (!TryReadField(ref reader, wireType, field, target, depth, out error))
            {
                error = error.Length > 0 ? error : $"malformed protobuf field {schema.Name}.{field.Name}";
                return false;
            }
        }

        return true;
    }

    private static bool TryReadField(ref ProtoReader reader, WireType wireType, ProtoField field, JsonObject target, int depth, out string error)
    {
        error = "";
        if (field.Kind is ProtoKind.Bool or ProtoKind.Int64 or ProtoKind.Int32)
        {
            if (wireType != WireType.Varint || !reader.TryReadVarint(out var number))
            {
                return false;
            }

            target[field.Name] = field.Kind switch
            {
                ProtoKind.Bool => JsonValue.Create(number != 0),
                ProtoKind.Int32 => JsonValue.Create((int)number),
                _ => JsonValue.Create((long)number),
            };
            return true;
        }

        if (wireType != WireType.LengthDelimited || !reader.TryReadBytes(out var bytes))
        {
            return false;
        }

        switch (field.Kind)
        {
            case ProtoKind.String:
                target[field.Name] = Encoding.UTF8.GetString(bytes);
                return true;
            case ProtoKind.Bytes:
                target[field.Name] = Convert.ToBase64String(bytes);
                return true;
            case ProtoKind.RepeatedString:
                ArrayOf(target, field.Name).Add(Encoding.UTF8.GetString(bytes));
                return true;
            case ProtoKind.Time:
                return TryReadTime(bytes, out var time) && Set(target, field.Name, time);
            case ProtoKind.MapStringString or ProtoKind.MapStringBytes:
                return TryReadMapEntry(bytes, field.Kind == ProtoKind.MapStringBytes, out var key, out var value) && Set(ObjectOf(target, field.Name), key, value);
            case ProtoKind.Message:
                var child = target[field.Name] as JsonObject ?? [];
                target[field.Name] = child;
                return TryReadMessage(bytes, field.Message!, child, depth + 1, out error);
            case ProtoKind.RepeatedMessage:
                var element = new JsonObject();
                ArrayOf(target, field.Name).Add(element);
                return TryReadMessage(bytes, field.Message!, element, depth + 1, out error);
            default:
                return false;
        }
    }

    // meta/v1 Time is {seconds 1, nanos 2}; the JSON form has second precision.
    private static bool TryReadTime(ReadOnlySpan<byte> bytes, out string time)
    {
        time = "";
        long seconds = 0;
        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType) || wireType != WireType.Varint || !reader.TryReadVarint(out var value))
            {
                return false;
            }

            if (field == 1)
            {
                seconds = (long)value;
            }
        }

        if (seconds is < -62135596800 or > 253402300799)
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    // A map entry is a message {key 1, value 2}.
    private static bool TryReadMapEntry(ReadOnlySpan<byte> bytes, bool binaryValue, out string key, out string value)
    {
        key = value = "";
        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType) || wireType != WireType.LengthDelimited || !reader.TryReadBytes(out var text))
            {
                return false;
            }

            if (field == 1)
            {
                key = Encoding.UTF8.GetString(text);
            }
            else if (field == 2)
            {
                value = binaryValue ? Convert.ToBase64String(text) : Encoding.UTF8.GetString(text);
            }
        }

        return true;
    }

    private static bool Set(JsonObject target, string name, string value)
    {
        target[name] = value;
        return true;
    }

    private static JsonArray ArrayOf(JsonObject target, string name)
    {
        if (target[name] is not JsonArray array)
        {
            array = [];
            target[name] = array;
        }

        return array;
    }

    private static JsonObject ObjectOf(JsonObject target, string name)
    {
        if (target[name] is not JsonObject obj)
        {
            obj = [];
            target[name] = obj;
        }

        return obj;
    }
}
