using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastKube.ApiServer.Http;

/// <summary>
/// Turns an <c>application/yaml</c> request body into JSON, as upstream's sigs.k8s.io/yaml does before
/// decoding: plain scalars resolve with YAML 1.1 rules (null, booleans incl. yes/no/on/off, integers,
/// floats), quoted scalars stay strings, mapping keys are strings. Aliases are expanded, so the number of
/// nodes written is capped to stop an alias bomb from turning a small body into gigabytes of JSON.
/// </summary>
internal static partial class YamlBodies
{
    public const string MediaType = "application/yaml";

    /// <summary>Upper bound on JSON nodes written from one document (aliases included).</summary>
    private const int MaxNodes = 1_000_000;

    private const int MaxDepth = 100;

    public static bool TryConvertToJson(byte[] yaml, out byte[] json, out string error)
    {
        json = [];
        error = "";
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(new MemoryStream(yaml), Encoding.UTF8);
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            error = $"error converting YAML to JSON: yaml: line {exception.Start.Line}: {exception.Message}";
            return false;
        }

        if (stream.Documents.Count != 1)
        {
            error = $"error converting YAML to JSON: expected exactly one YAML document, got {stream.Documents.Count}";
            return false;
        }

        var buffer = new ArrayBufferWriter<byte>(yaml.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = MaxDepth + 1 }))
        {
            var nodes = 0;
            if (!TryWrite(writer, stream.Documents[0].RootNode, 0, ref nodes, out error))
            {
                return false;
            }
        }

        json = buffer.WrittenSpan.ToArray();
        return true;
    }

    private static bool TryWrite(Utf8JsonWriter writer, YamlNode node, int depth, ref int nodes, out string error)
    {
        error = "";
        if (++nodes > MaxNodes || depth > MaxDepth)
        {
            error = nodes > MaxNodes
                ? $"error converting YAML to JSON: the document expands to more than {MaxNodes} nodes"
                : $"error converting YAML to JSON: nested deeper than {MaxDepth} levels";
            return false;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        error = $"error converting YAML to JSON: mapping keys must be scalars (line {key.Start.Line})";
                        return false;
                    }

                    writer.WritePropertyName(name);
                    if (!TryWrite(writer, value, depth + 1, ref nodes, out error))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
                return true;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    if (!TryWrite(writer, item, depth + 1, ref nodes, out error))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                return true;
            default:
                error = $"error converting YAML to JSON: unsupported node at line {node.Start.Line}";
                return false;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            writer.WriteStringValue(value);
        }
        else if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            writer.WriteNullValue();
        }
        else if (Boolean(value) is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else if (Integer(value) is { } integer)
        {
            writer.WriteNumberValue(integer);
        }
        else if (Float().IsMatch(value) && double.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    // YAML 1.1 booleans, as go-yaml v2 (under sigs.k8s.io/yaml) resolves them.
    private static bool? Boolean(string value) => value switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N" => false,
        _ => null,
    };

    // YAML 1.1 integers: decimal, 0x hexadecimal, 0b binary, and a leading 0 for octal (0755 is 493).
    private static long? Integer(string value)
    {
        var match = IntegerPattern().Match(value);
        if (!match.Success)
        {
            return null;
        }

        var digits = match.Groups["digits"].Value.Replace("_", "", StringComparison.Ordinal);
        var radix = match.Groups["prefix"].Value switch
        {
            "0x" => 16,
            "0b" => 2,
            "0" => 8,
            _ => 10,
        };
        try
        {
            var magnitude = radix == 10 ? long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) : Convert.ToInt64(digits, radix);
            return value[0] == '-' ? -magnitude : magnitude;
        }
        catch (Exception exception) when (exception is OverflowException or FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[-+]?(?:(?<prefix>0x)(?<digits>[0-9a-fA-F_]+)|(?<prefix>0b)(?<digits>[01_]+)|(?<prefix>0)(?<digits>[0-7_]+)|(?<digits>0|[1-9][0-9_]*))$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    // Floats, and decimal integers too large for int64 (go-yaml resolves those as floats).
    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
