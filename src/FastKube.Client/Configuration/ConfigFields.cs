using System.Globalization;
using FastKube.Api.Meta;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastKube.Client.Configuration;

/// <summary>
/// Reads one YAML mapping of a component configuration file (KubeSchedulerConfiguration, KubeletConfiguration,
/// KubeProxyConfiguration) field by field, recording errors in upstream's field-error shape
/// (<c>path: Invalid value: "value": detail</c>) and rejecting fields nobody asked for, as upstream decodes
/// component configs strictly. A YAML null (<c>~</c>, <c>null</c>, nothing) reads as absent; a quoted <c>""</c> is an empty string.
/// </summary>
public sealed class ConfigFields
{
    private readonly YamlMappingNode _node;
    private readonly List<string> _errors;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public ConfigFields(YamlMappingNode node, string path, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        _node = node;
        Path = path;
        _errors = errors;
    }

    /// <summary>
    /// Parses a configuration document and checks its apiVersion and kind; null (with the error in
    /// <paramref name="errors"/>) when the text is not YAML or not a mapping.
    /// </summary>
    public static ConfigFields? Open(string yaml, string apiVersion, string kind, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(errors);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            errors.Add($"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add($"the document must be a {kind} mapping");
            return null;
        }

        var fields = new ConfigFields(root, "", errors);
        foreach (var (name, expected) in new[] { ("apiVersion", apiVersion), ("kind", kind) })
        {
            if (fields.String(name) is var actual && actual != expected)
            {
                fields.Error(name, actual, "must be " + expected);
            }
        }

        return fields;
    }

    /// <summary>The mapping's own path ("" at the top, <c>leaderElection</c>, <c>profiles[0]</c>).</summary>
    public string Path { get; }

    public string Field(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public static string FormatError(string path, object? value, string detail) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}: Invalid value: {Quote(value)}: {detail}");

    public void Error(string path, object? value, string detail) => _errors.Add(FormatError(path, value, detail));

    /// <summary>Marks a field as known without reading it (sections kept for upstream compatibility but unused).</summary>
    public void Ignore(string name) => _seen.Add(name);

    /// <summary>The field's node, or null when it is absent or a YAML null.</summary>
    public YamlNode? Get(string name)
    {
        _seen.Add(name);
        return _node.Children.TryGetValue(new YamlScalarNode(name), out var value) && !IsNull(value) ? value : null;
    }

    public string? String(string name)
    {
        var node = Get(name);
        if (node is null or YamlScalarNode)
        {
            return ((YamlScalarNode?)node)?.Value;
        }

        Error(Field(name), "<" + node.NodeType + ">", "must be a string");
        return null;
    }

    public int? Int(string name) => Int(name, int.MinValue, int.MaxValue);

    public int? Int(string name, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(Field(name), text, "must be an integer");
            return null;
        }

        if (value < min || value > max)
        {
            Error(Field(name), text, string.Create(CultureInfo.InvariantCulture, $"must be an integer between {min} and {max}, inclusive"));
            return null;
        }

        return value;
    }

    public double? Number(string name) => Number(name, double.MinValue);

    public double? Number(string name, double min)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Error(Field(name), text, "must be a number");
            return null;
        }

        if (value < min)
        {
            Error(Field(name), text, string.Create(CultureInfo.InvariantCulture, $"must be a number of at least {min}"));
            return null;
        }

        return value;
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

    /// <summary>A Go duration (metav1.Duration: <c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>).</summary>
    public TimeSpan? Duration(string name) => Duration(name, TimeSpan.MinValue, "");

    /// <summary>A Go duration that must be at least <paramref name="min"/>; <paramref name="requirement"/> is the error detail otherwise.</summary>
    public TimeSpan? Duration(string name, TimeSpan min, string requirement)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!GoDuration.TryParse(text, out var value))
        {
            Error(Field(name), text, "must be a duration such as 15s, 2m0s or 500ms (units ns, us, ms, s, m, h)");
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
        var node = Get(name);
        if (node is null or YamlMappingNode)
        {
            return node is null ? null : new ConfigFields((YamlMappingNode)node, Field(name), _errors);
        }

        Error(Field(name), "<" + node.NodeType + ">", "must be a mapping");
        return null;
    }

    /// <summary>The items of a sequence field, each a mapping with its indexed path; other items are reported.</summary>
    public IEnumerable<ConfigFields> Mappings(string name)
    {
        foreach (var (node, path) in Items(name))
        {
            if (node is YamlMappingNode mapping)
            {
                yield return new ConfigFields(mapping, path, _errors);
            }
            else
            {
                Error(path, "<" + node.NodeType + ">", "must be a mapping");
            }
        }
    }

    /// <summary>A list of strings with each item's indexed path.</summary>
    public List<(string Value, string Path)> Strings(string name)
    {
        var items = new List<(string, string)>();
        foreach (var (node, path) in Items(name))
        {
            if (node is YamlScalarNode { Value: { } value })
            {
                items.Add((value, path));
            }
            else
            {
                Error(path, "<" + node.NodeType + ">", "must be a string");
            }
        }

        return items;
    }

    /// <summary>A mapping of strings (e.g. evictionHard); entries that are not strings are reported by key.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        var node = Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(Field(name), "<" + node.NodeType + ">", "must be a mapping of strings");
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
                Error($"{Field(name)}[{keyText}]", "<" + item.NodeType + ">", "must be a string");
            }
        }

        return result;
    }

    /// <summary>Reports every field of the mapping that no reader asked for, naming the ones allowed here.</summary>
    public void RejectUnknown()
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_seen.Contains(name))
            {
                Error(Field(name), name, "unknown field; allowed: " + string.Join(", ", _seen.Order(StringComparer.Ordinal)));
            }
        }
    }

    // YAML's core schema: an empty or ~/null plain scalar is null; a quoted "" is the empty string.
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null } or YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "" or "~" or "null" or "Null" or "NULL" };

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private IEnumerable<(YamlNode Node, string Path)> Items(string name)
    {
        var node = Get(name);
        if (node is null)
        {
            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(Field(name), "<" + node.NodeType + ">", "must be a list");
            yield break;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            yield return (sequence.Children[i], string.Create(CultureInfo.InvariantCulture, $"{Field(name)}[{i}]"));
        }
    }
}
