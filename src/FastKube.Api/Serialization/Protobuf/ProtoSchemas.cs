using System.Globalization;

namespace FastKube.Api.Serialization.Protobuf;

/// <summary>How a field's bytes become JSON: a scalar, a message read field by field, or a message with a JSON form of its own.</summary>
internal enum ProtoKind
{
    String,
    Bool,
    Int32,
    Int64,
    Bytes,
    Message,

    /// <summary>meta/v1 Time {seconds 1, nanos 2}: RFC 3339 with second precision.</summary>
    Time,

    /// <summary>meta/v1 MicroTime: RFC 3339 with microseconds.</summary>
    MicroTime,

    /// <summary>intstr.IntOrString {type 1, intVal 2, strVal 3}: a JSON number or string.</summary>
    IntOrString,

    /// <summary>resource.Quantity {string 1}: the canonical string.</summary>
    Quantity,

    /// <summary>runtime.RawExtension {raw 1}: embedded JSON.</summary>
    Raw,
}

internal enum ProtoLabel
{
    Optional,
    Repeated,

    /// <summary>A map: repeated entries {key 1 (string), value 2}.</summary>
    Map,

    /// <summary>A Go embedded struct: one message field in protobuf, its fields inlined in the parent in JSON (Probe's handler, Volume's volumeSource).</summary>
    Inline,
}

/// <param name="Pointer">A Go pointer scalar upstream (*bool, *int32, *int64): its zero value is set, not absent.</param>
internal sealed record ProtoField(string Name, ProtoLabel Label, ProtoKind Kind, ProtoMessage? Message, bool Pointer = false);

internal sealed class ProtoMessage(string name)
{
    public string Name { get; } = name;

    public Dictionary<int, ProtoField> Fields { get; } = [];
}

/// <summary>
/// The protobuf messages of every served kind, read from the embedded <c>kubernetes.protoschema</c>: upstream's
/// field numbers and JSON names (facts from k8s.io/api and apimachinery generated.proto, extracted by
/// scripts/gen-protobuf-schema).
/// </summary>
internal static class ProtoSchemas
{
    private static readonly Lazy<Dictionary<(string ApiVersion, string Kind), ProtoMessage>> Table = new(Load);

    /// <summary>Top-level kinds by apiVersion and kind.</summary>
    public static Dictionary<(string ApiVersion, string Kind), ProtoMessage> Objects => Table.Value;

    private static Dictionary<(string, string), ProtoMessage> Load()
    {
        using var stream = typeof(ProtoSchemas).Assembly.GetManifestResourceStream("FastKube.Api.kubernetes.protoschema")
            ?? throw new InvalidOperationException("kubernetes.protoschema is not embedded in FastKube.Api");
        using var reader = new StreamReader(stream);
        var lines = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line.Split(' '));
            }
        }

        // Messages first, so fields can point at messages declared later (and at themselves).
        var messages = lines.Where(l => l[0] == "message").ToDictionary(l => l[1], l => new ProtoMessage(l[1]), StringComparer.Ordinal);
        var kinds = new Dictionary<(string, string), ProtoMessage>();
        ProtoMessage? current = null;
        foreach (var parts in lines)
        {
            switch (parts[0])
            {
                case "kind":
                    kinds[(parts[1], parts[2])] = messages[parts[3]];
                    break;
                case "message":
                    current = messages[parts[1]];
                    break;
                default:
                    var field = ParseField(parts, messages);
                    current!.Fields[int.Parse(parts[0], CultureInfo.InvariantCulture)] = field;
                    break;
            }
        }

        return kinds;
    }

    // NUMBER NAME [repeated|map|inline] KIND [MESSAGE] [ptr]
    private static ProtoField ParseField(string[] parts, Dictionary<string, ProtoMessage> messages)
    {
        var label = parts[2] switch
        {
            "repeated" => ProtoLabel.Repeated,
            "map" => ProtoLabel.Map,
            "inline" => ProtoLabel.Inline,
            _ => ProtoLabel.Optional,
        };
        var at = label == ProtoLabel.Optional ? 2 : 3;
        var kind = parts[at] switch
        {
            "string" => ProtoKind.String,
            "bool" => ProtoKind.Bool,
            "int32" => ProtoKind.Int32,
            "int64" => ProtoKind.Int64,
            "bytes" => ProtoKind.Bytes,
            "message" => ProtoKind.Message,
            "time" => ProtoKind.Time,
            "microtime" => ProtoKind.MicroTime,
            "intstr" => ProtoKind.IntOrString,
            "quantity" => ProtoKind.Quantity,
            "raw" => ProtoKind.Raw,
            var other => throw new InvalidOperationException($"kubernetes.protoschema: unknown field kind \"{other}\""),
        };
        return new ProtoField(parts[1], label, kind, kind == ProtoKind.Message ? messages[parts[at + 1]] : null, parts[^1] == "ptr");
    }
}
