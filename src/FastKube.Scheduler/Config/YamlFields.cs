using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FastKube.Scheduler.Config;

/// <summary>
/// Reads one YAML mapping field by field, recording errors in upstream's field-error shape
/// ("path: Invalid value: value: detail") and rejecting fields it does not know (upstream decodes strictly).
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly List<string> _errors;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public YamlFields(YamlMappingNode node, string path, List<string> errors)
    {
        _node = node;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public string Field(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Error(string path, object? value, string detail) =>
        _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: Invalid value: {Quote(value)}: {detail}"));

    public static string Quote(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public YamlNode? Get(string name)
    {
        _seen.Add(name);
        return _node.Children.TryGetValue(new YamlScalarNode(name), out var value) ? value : null;
    }

    public string? String(string name)
    {
        var node = Get(name);
        if (node is null)
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

    public int? Int(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(Field(name), text, "must be an integer");
        return null;
    }

    public double? Double(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(Field(name), text, "must be a number");
        return null;
    }

    /// <summary>A Go duration ("15s", "2m0s").</summary>
    public TimeSpan? Duration(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (FastKube.Api.Meta.GoDuration.TryParse(text, out var value))
        {
            return value;
        }

        Error(Field(name), text, "must be a duration such as 15s or 2m0s");
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

    public YamlFields? Mapping(string name)
    {
        var node = Get(name);
        if (node is null || (node is YamlScalarNode { Value: null or "" or "null" or "~" }))
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, Field(name), _errors);
        }

        Error(Field(name), "<" + node.NodeType + ">", "must be a mapping");
        return null;
    }

    /// <summary>The items of a sequence field, each a mapping with its indexed path; scalars are reported.</summary>
    public IEnumerable<YamlFields> Mappings(string name)
    {
        foreach (var (node, path) in Items(name))
        {
            if (node is YamlMappingNode mapping)
            {
                yield return new YamlFields(mapping, path, _errors);
            }
            else
            {
                Error(path, "<" + node.NodeType + ">", "must be a mapping");
            }
        }
    }

    public IEnumerable<(string Value, string Path)> Strings(string name)
    {
        foreach (var (node, path) in Items(name))
        {
            if (node is YamlScalarNode { Value: { } value })
            {
                yield return (value, path);
            }
            else
            {
                Error(path, "<" + node.NodeType + ">", "must be a string");
            }
        }
    }

    /// <summary>Reports every field of the mapping that no reader asked for.</summary>
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

    private IEnumerable<(YamlNode Node, string Path)> Items(string name)
    {
        var node = Get(name);
        if (node is null || node is YamlScalarNode { Value: null or "" or "null" or "~" })
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
