using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastKube.Api.Serialization.Protobuf;

/// <summary>
/// Reads Kubernetes protobuf request bodies (<c>application/vnd.kubernetes.protobuf</c>) into Kubernetes
/// JSON, as kubectl's typed <c>create</c> subcommands send them for every served kind: the 4-byte magic <c>k8s\0</c>, then
/// a runtime.Unknown (typeMeta 1 {apiVersion 1, kind 2}, raw 2), whose raw bytes are the object's message.
/// Field numbers are upstream's (k8s.io/api and apimachinery generated.proto). The JSON then takes the
/// ordinary decode, defaulting and validation path; responses are always JSON, which clients accept.
/// </summary>
public static class KubeProtobuf
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private const int MaxDepth = 32;

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Whether the protobuf form of a kind can be read (every kind FastKube serves).</summary>
    public static bool Supports(string apiVersion, string kind) => ProtoSchemas.Objects.ContainsKey((apiVersion, kind));

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

        if (apiVersion is null || kind is null || !ProtoSchemas.Objects.TryGetValue((apiVersion, kind), out var schema))
        {
            error = $"no protobuf schema for apiVersion \"{apiVersion}\", kind \"{kind}\" (send JSON instead)";
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
                // A field newer than FastKube's schema: skipped, as JSON decoding drops unknown fields.
                if (!reader.TrySkip(wireType))
                {
                    error = $"malformed protobuf in {schema.Name}";
                    return false;
                }

                continue;
            }

            var read = field.Label switch
            {
                ProtoLabel.Repeated => TryReadRepeated(ref reader, wireType, field, ArrayOf(target, field.Name), depth, out error),
                ProtoLabel.Map => TryReadMapEntry(ref reader, wireType, field, ObjectOf(target, field.Name), depth, out error),
                ProtoLabel.Inline => wireType == WireType.LengthDelimited && reader.TryReadBytes(out var inlined)
                    ? TryReadMessage(inlined, field.Message!, target, depth + 1, out error)
                    : Fail(out error),
                _ => TryReadOptional(ref reader, wireType, field, target, depth, out error),
            };
            if (!read)
            {
                error = error.Length > 0 ? error : $"malformed protobuf field {schema.Name}.{field.Name}";
                return false;
            }
        }

        return true;
    }

    // Go's generated marshalling writes every non-pointer field, so a plain field's "", 0, false and zero
    // Time mean "unset" and are left out, as Go's JSON encoder would (omitempty); a pointer scalar's 0 or
    // false is kept (replicas: 0, automountServiceAccountToken: false).
    private static bool TryReadOptional(ref ProtoReader reader, WireType wireType, ProtoField field, JsonObject target, int depth, out string error)
    {
        if (!TryReadValue(ref reader, wireType, field, depth, out var value, out error))
        {
            return false;
        }

        var unset = value is JsonValue scalar && (scalar.TryGetValue<string>(out var text)
            ? text.Length == 0
            : !field.Pointer && (scalar.TryGetValue<bool>(out var flag) ? !flag : scalar.TryGetValue<long>(out var number) ? number == 0 : scalar.TryGetValue<int>(out var small) && small == 0));
        if (value is not null && !unset)
        {
            target[field.Name] = value;
        }

        return true;
    }

    // Repeated varint fields may arrive packed (one length-delimited run) or one element per tag; both are valid protobuf.
    private static bool TryReadRepeated(ref ProtoReader reader, WireType wireType, ProtoField field, JsonArray target, int depth, out string error)
    {
        error = "";
        if (field.Kind is ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.Bool && wireType == WireType.LengthDelimited)
        {
            if (!reader.TryReadBytes(out var packed))
            {
                return false;
            }

            var run = new ProtoReader(packed);
            while (!run.End)
            {
                if (!TryReadValue(ref run, WireType.Varint, field, depth, out var element, out error))
                {
                    return false;
                }

                target.Add(element);
            }

            return true;
        }

        if (!TryReadValue(ref reader, wireType, field, depth, out var value, out error))
        {
            return false;
        }

        target.Add(value);
        return true;
    }

    // A map entry is a message {key 1, value 2}; every Kubernetes map has string keys.
    private static bool TryReadMapEntry(ref ProtoReader reader, WireType wireType, ProtoField field, JsonObject target, int depth, out string error)
    {
        error = "";
        if (wireType != WireType.LengthDelimited || !reader.TryReadBytes(out var entry))
        {
            return false;
        }

        var key = "";
        JsonNode? value = field.Kind == ProtoKind.String || field.Kind == ProtoKind.Bytes ? "" : null;
        var entryReader = new ProtoReader(entry);
        while (!entryReader.End)
        {
            if (!entryReader.TryReadTag(out var number, out var entryWireType))
            {
                return false;
            }

            if (number == 1 && entryWireType == WireType.LengthDelimited && entryReader.TryReadBytes(out var keyBytes))
            {
                key = Encoding.UTF8.GetString(keyBytes);
            }
            else if (number == 2)
            {
                if (!TryReadValue(ref entryReader, entryWireType, field, depth, out value, out error))
                {
                    return false;
                }
            }
            else if (!entryReader.TrySkip(entryWireType))
            {
                return false;
            }
        }

        target[key] = value;
        return true;
    }

    private static bool TryReadValue(ref ProtoReader reader, WireType wireType, ProtoField field, int depth, out JsonNode? value, out string error)
    {
        value = null;
        error = "";
        if (field.Kind is ProtoKind.Bool or ProtoKind.Int32 or ProtoKind.Int64)
        {
            if (wireType != WireType.Varint || !reader.TryReadVarint(out var number))
            {
                return false;
            }

            value = field.Kind switch
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
                value = Encoding.UTF8.GetString(bytes);
                return true;
            case ProtoKind.Bytes:
                value = Convert.ToBase64String(bytes);
                return true;
            case ProtoKind.Message:
                var child = new JsonObject();
                value = child;
                return TryReadMessage(bytes, field.Message!, child, depth + 1, out error);
            case ProtoKind.Time or ProtoKind.MicroTime:
                return TryReadTime(bytes, field.Kind == ProtoKind.MicroTime, out value);
            case ProtoKind.IntOrString:
                return TryReadIntOrString(bytes, out value);
            case ProtoKind.Quantity:
                return TryReadSingleString(bytes, out value);
            case ProtoKind.Raw:
                return TryReadRaw(bytes, depth, out value, out error);
            default:
                return false;
        }
    }

    // meta/v1 Time and MicroTime are {seconds 1, nanos 2}; the zero time is Go's "unset" and becomes null.
    private static bool TryReadTime(ReadOnlySpan<byte> bytes, bool micro, out JsonNode? time)
    {
        time = null;
        long seconds = 0, nanos = 0;
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
            else if (field == 2)
            {
                nanos = (long)value;
            }
        }

        if (seconds is < -62135596800 or > 253402300799 || nanos is < 0 or > 999_999_999)
        {
            return false;
        }

        if (seconds != 0 || nanos != 0)
        {
            var instant = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
            time = instant.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return true;
    }

    private static bool TryReadIntOrString(ReadOnlySpan<byte> bytes, out JsonNode? value)
    {
        value = null;
        ulong type = 0, intVal = 0;
        var strVal = "";
        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (field is 1 or 2 && wireType == WireType.Varint && reader.TryReadVarint(out var number))
            {
                (type, intVal) = field == 1 ? (number, intVal) : (type, number);
            }
            else if (field == 3 && wireType == WireType.LengthDelimited && reader.TryReadBytes(out var text))
            {
                strVal = Encoding.UTF8.GetString(text);
            }
            else if (field is 1 or 2 or 3 || !reader.TrySkip(wireType))
            {
                return false;
            }
        }

        value = type == 1 ? JsonValue.Create(strVal) : JsonValue.Create((int)intVal);
        return true;
    }

    private static bool TryReadSingleString(ReadOnlySpan<byte> bytes, out JsonNode? value)
    {
        value = "";
        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (field == 1 && wireType == WireType.LengthDelimited && reader.TryReadBytes(out var text))
            {
                value = Encoding.UTF8.GetString(text);
            }
            else if (field == 1 || !reader.TrySkip(wireType))
            {
                return false;
            }
        }

        return true;
    }

    // runtime.RawExtension {raw 1} carries an embedded object as JSON bytes.
    private static bool TryReadRaw(ReadOnlySpan<byte> bytes, int depth, out JsonNode? value, out string error)
    {
        value = null;
        error = "";
        if (!TryReadSingleString(bytes, out var text))
        {
            return false;
        }

        var json = (string)text!;
        if (json.Length == 0)
        {
            return true;
        }

        try
        {
            value = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth - depth });
            return true;
        }
        catch (JsonException exception)
        {
            error = $"malformed embedded JSON in protobuf RawExtension: {exception.Message}";
            return false;
        }
    }

    private static bool Fail(out string error)
    {
        error = "";
        return false;
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
