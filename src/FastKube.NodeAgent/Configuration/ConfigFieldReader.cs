using System.Globalization;
using FastKube.Api.Meta;
using YamlDotNet.RepresentationModel;

namespace FastKube.NodeAgent.Configuration;

/// <summary>
/// Reads the top-level fields of a KubeletConfiguration mapping, recording type errors in upstream's
/// field-error shape and remembering which fields were asked for so the rest can be rejected by name.
/// </summary>
internal sealed class ConfigFieldReader(YamlMappingNode node, List<string> errors)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public static string FormatError(string path, object? value, string detail) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}: Invalid value: {Quote(value)}: {detail}");

    public void Error(string path, object? value, string detail) => errors.Add(FormatError(path, value, detail));

    public string? String(string name)
    {
        _known.Add(name);
        if (!node.Children.TryGetValue(new YamlScalarNode(name), out var value))
        {
            return null;
        }

        if (value is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(name, "<" + value.NodeType + ">", "must be a string");
        return null;
    }

    public int? Int(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(name, text, "must be an integer");
        return null;
    }

    public TimeSpan? Duration(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (GoDuration.TryParse(text, out var value))
        {
            return value;
        }

        Error(name, text, "must be a duration such as 10s, 5m0s or 1h30m (units ns, us, ms, s, m, h)");
        return null;
    }

    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        _known.Add(name);
        if (!node.Children.TryGetValue(new YamlScalarNode(name), out var value) || value is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return null;
        }

        if (value is not YamlMappingNode mapping)
        {
            Error(name, "<" + value.NodeType + ">", "must be a mapping of strings");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, item) in mapping.Children)
        {
            var keyText = (key as YamlScalarNode)?.Value ?? "";
            if (item is YamlScalarNode { Value: { } text })
            {
                result[keyText] = text;
            }
            else
            {
                Error($"{name}[{keyText}]", "<" + item.NodeType + ">", "must be a string");
            }
        }

        return result;
    }

    /// <summary>Reports every field nobody asked for, naming the ones that are allowed.</summary>
    public void RejectUnknown()
    {
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_known.Contains(name))
            {
                Error(name, name, "unknown field; allowed: " + string.Join(", ", _known.Order(StringComparer.Ordinal)));
            }
        }
    }

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
