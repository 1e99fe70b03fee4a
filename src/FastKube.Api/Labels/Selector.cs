using FastKube.Api.Meta;
using FastKube.Api.Validation;

namespace FastKube.Api.Labels;

/// <summary>
/// A parsed label selector (apimachinery labels.Selector): requirements ANDed together, sorted by key.
/// <see cref="Everything"/> matches every object, <see cref="Nothing"/> none (what a nil
/// metav1.LabelSelector means).
/// </summary>
public sealed class Selector
{
    private readonly Requirement[] _requirements;
    private readonly bool _nothing;

    private Selector(Requirement[] requirements, bool nothing)
    {
        Array.Sort(requirements, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        _requirements = requirements;
        _nothing = nothing;
    }

    public static Selector Everything { get; } = new([], nothing: false);

    public static Selector Nothing { get; } = new([], nothing: true);

    public IReadOnlyList<Requirement> Requirements => _requirements;

    public bool IsEverything => !_nothing && _requirements.Length == 0;

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (_nothing)
        {
            return false;
        }

        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True with the value when every match needs <paramref name="key"/>=value (e.g. an index can serve it).</summary>
    public bool RequiresExactMatch(string key, out string value)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Key == key && requirement.Values.Count == 1
                && requirement.Operator is SelectorOperator.Equals or SelectorOperator.In)
            {
                value = requirement.Values[0];
                return true;
            }
        }

        value = "";
        return false;
    }

    /// <summary>Parses the string form used by <c>?labelSelector=</c> and <c>kubectl -l</c> (upstream labels.Parse).</summary>
    public static bool TryParse(string text, out Selector selector, out string error)
    {
        var requirements = new List<Requirement>();
        var parser = new SelectorParser(text);
        if (!parser.TryParse(requirements, out error))
        {
            selector = Nothing;
            return false;
        }

        selector = requirements.Count == 0 ? Everything : new Selector([.. requirements], nothing: false);
        return true;
    }

    /// <summary>
    /// Converts a metav1.LabelSelector (metav1.LabelSelectorAsSelector): null selects nothing, an empty
    /// one everything; matchLabels become equality and matchExpressions set requirements.
    /// </summary>
    public static bool TryFrom(LabelSelector? labelSelector, out Selector selector, out string error)
    {
        error = "";
        selector = Nothing;
        if (labelSelector is null)
        {
            return true;
        }

        var requirements = new List<Requirement>();
        foreach (var (key, value) in labelSelector.MatchLabels ?? [])
        {
            if (!TryCreate(key, SelectorOperator.Equals, [value], out var requirement, out error))
            {
                return false;
            }

            requirements.Add(requirement);
        }

        foreach (var expression in labelSelector.MatchExpressions ?? [])
        {
            SelectorOperator? op = expression.Operator switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                _ => null,
            };
            if (op is null)
            {
                error = $"\"{expression.Operator}\" is not a valid label selector operator";
                return false;
            }

            if (!TryCreate(expression.Key ?? "", op.Value, [.. expression.Values ?? []], out var requirement, out error))
            {
                return false;
            }

            requirements.Add(requirement);
        }

        selector = requirements.Count == 0 ? Everything : new Selector([.. requirements], nothing: false);
        return true;
    }

    /// <summary>Builds a requirement with upstream's checks (labels.NewRequirement): key and values valid, value counts per operator.</summary>
    public static bool TryCreate(string key, SelectorOperator op, string[] values, out Requirement requirement, out string error)
    {
        requirement = null!;
        var keyErrors = NameRules.IsQualifiedName(key);
        if (keyErrors.Count > 0)
        {
            error = $"key: Invalid value: \"{key}\": {string.Join("; ", keyErrors)}";
            return false;
        }

        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when values.Length == 0:
                error = "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty";
                return false;
            case SelectorOperator.Equals or SelectorOperator.NotEquals when values.Length != 1:
                error = "values: Invalid value: exact-match compatibility requires one single value";
                return false;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when values.Length != 0:
                error = "values: Invalid value: values set must be empty for exists and does not exist";
                return false;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan when values.Length != 1 || !long.TryParse(values[0], out _):
                error = "values: Invalid value: for 'Gt', 'Lt' operators, exactly one integer value is required";
                return false;
        }

        foreach (var value in values)
        {
            var valueErrors = NameRules.IsValidLabelValue(value);
            if (valueErrors.Count > 0 && op is not (SelectorOperator.GreaterThan or SelectorOperator.LessThan))
            {
                error = $"values[0]: Invalid value: \"{value}\": {string.Join("; ", valueErrors)}";
                return false;
            }
        }

        requirement = new Requirement(key, op, values);
        error = "";
        return true;
    }

    public override string ToString() => _nothing ? "<none>" : string.Join(',', _requirements.Select(r => r.ToString()));
}
