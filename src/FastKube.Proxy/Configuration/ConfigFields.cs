using System.Globalization;
using FastKube.Api.Meta;
using YamlDotNet.RepresentationModel;

namespace FastKube.Proxy.Configuration;

/// <summary>
/// Reads one YAML mapping field by field, recording errors in upstream's field-error shape
/// (<c>path: Invalid value: value: detail</c>) and rejecting fields nobody asked for (upstream decodes
/// component configs strictly). The scheduler has a reader of the same shape; components do not share code.
/// </summary>
internal sealed class ConfigFields
{
    private readonly YamlMappingNode _node;
    private readonly List<string> _errors;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public ConfigFields(YamlMappingNode node, string path, List<string> errors)
    {
        _node = node;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public string Field(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Error(string path, string? value, string detail) =>
        _errors.Add($"{path}: Invalid value: {(value is null ? "null" : "\"" + value + "\"")}: {detail}");

    public string? String(string name)
    {
        _seen.Add(name);
        if (!_node.Children.TryGetValue(new YamlScalarNode(name), out var node) || node is YamlScalarNode { Value: null or "~" or "null" })
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(Field(name), "<" + node.NodeType + ">", "must be a string");
        return null;
    }

    public int? Int(string name, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(Field(name), text, $"must be an integer between {min} and {max}, inclusive");
        return null;
    }

    public double? Number(string name, double min)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && double.IsFinite(value))
        {
            return value;
        }

        Error(Field(name), text, $"must be a number of at least {min.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    public bool? Bool(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(Field(name), text, "must be true or false");
        return null;
    }

    /// <summary>A Go duration (metav1.Duration: <c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>) that must be at least <paramref name="min"/>.</summary>
    public TimeSpan? Duration(string name, TimeSpan min, string requirement)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!GoDuration.TryParse(text, out var value))
        {
            Error(Field(name), text, "must be a duration such as 30s, 1m30s or 500ms (units ns, us, ms, s, m, h)");
            return null;
        }

        if (value < min)
        {
            Error(Field(name), text, requirement);
            return null;
        }

        return value;
    }

    public ConfigFields? Mapping(string name)
    {
        _seen.Add(name);
        if (!_node.Children.TryGetValue(new YamlScalarNode(name), out var node) || node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new ConfigFields(mapping, Field(name), _errors);
        }

        Error(Field(name), "<" + node.NodeType + ">", "must be a mapping");
        return null;
    }

    /// <summary>A list of strings with each item's indexed path.</summary>
    public List<(string Value, string Path)> Strings(string name)
    {
        _seen.Add(name);
        var items = new List<(string, string)>();
        if (!_node.Children.TryGetValue(new YamlScalarNode(name), out var node) || node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return items;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(Field(name), "<" + node.NodeType + ">", "must be a list");
            return items;
        }

        for (int i = 0; i < sequence.Children.Count; i++)
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"{Field(name)}[{i}]");
            if (sequence.Children[i] is YamlScalarNode { Value: { } value })
            {
                items.Add((value, path));
            }
            else
            {
                Error(path, "<" + sequence.Children[i].NodeType + ">", "must be a string");
            }
        }

        return items;
    }

    /// <summary>Marks a field as known without reading it (sections kept for upstream compatibility but unused here).</summary>
    public void Ignore(string name) => _seen.Add(name);

    /// <summary>Reports every field of the mapping that no reader asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_seen.Contains(name))
            {
                _errors.Add($"{Field(name)}: Unknown field: allowed fields here: {string.Join(", ", _seen.Order(StringComparer.Ordinal))}");
            }
        }
    }
}
