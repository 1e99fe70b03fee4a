namespace FastKube.Api.Labels;

/// <summary>The operators of a label selector requirement (apimachinery selection.Operator).</summary>
public enum SelectorOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>One clause of a label selector: a key, an operator and its values (sorted, as upstream keeps them).</summary>
public sealed class Requirement
{
    private readonly string[] _values;

    internal Requirement(string key, SelectorOperator op, string[] values)
    {
        Key = key;
        Operator = op;
        Array.Sort(values, StringComparer.Ordinal);
        _values = values;
    }

    public string Key { get; }

    public SelectorOperator Operator { get; }

    public IReadOnlyList<string> Values => _values;

    /// <summary>True when <paramref name="labels"/> satisfy this requirement (upstream Requirement.Matches).</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case SelectorOperator.Equals:
            case SelectorOperator.In:
                return has && Contains(value!);
            case SelectorOperator.NotEquals:
            case SelectorOperator.NotIn:
                return !has || !Contains(value!);
            case SelectorOperator.Exists:
                return has;
            case SelectorOperator.DoesNotExist:
                return !has;
            case SelectorOperator.GreaterThan:
            case SelectorOperator.LessThan:
                // Both sides must be integers; otherwise the requirement does not match (upstream logs and returns false).
                if (!has || !long.TryParse(value, out var actual) || !long.TryParse(_values[0], out var bound))
                {
                    return false;
                }

                return Operator == SelectorOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => $"{Key}={_values[0]}",
        SelectorOperator.NotEquals => $"{Key}!={_values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(',', _values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(',', _values)})",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.GreaterThan => $"{Key}>{_values[0]}",
        _ => $"{Key}<{_values[0]}",
    };

    private bool Contains(string value)
    {
        foreach (var candidate in _values)
        {
            if (candidate == value)
            {
                return true;
            }
        }

        return false;
    }
}
