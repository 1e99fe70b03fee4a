using System.Globalization;

namespace FastKube.Api.Core;

/// <summary>
/// Upstream's required node matching on plain objects (component-helpers nodeaffinity), for the
/// controllers and the node agent (the scheduler matches against its compiled cache, see FastKube.Scheduler's
/// NodeSelectorMatcher): a pod's nodeSelector map and its required node affinity terms must both match;
/// terms are ORed, requirements in a term ANDed, a term with no requirements matches nothing;
/// matchFields supports metadata.name with In and NotIn.
/// </summary>
public static class NodeSelectors
{
    /// <summary>Whether <paramref name="node"/> satisfies the nodeSelector and required node affinity of <paramref name="spec"/>.</summary>
    public static bool RequiredMatch(PodSpec? spec, Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var labels = node.Metadata?.Labels;
        if (spec?.NodeSelector is { } selector && selector.Any(pair => labels?.GetValueOrDefault(pair.Key) != pair.Value))
        {
            return false;
        }

        return spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms is not { } terms
            || terms.Any(term => term is not null && Matches(term, node));
    }

    public static bool Matches(NodeSelectorTerm term, Node node)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(node);
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count + fields.Count == 0)
        {
            return false;
        }

        var labels = node.Metadata?.Labels;
        return expressions.All(e => Matches(e, labels?.TryGetValue(e.Key ?? "", out var v) == true ? v : null))
            && fields.All(f => f.Key == "metadata.name" && f.Operator is NodeSelectorOperators.In or NodeSelectorOperators.NotIn && Matches(f, node.Metadata?.Name));
    }

    private static bool Matches(NodeSelectorRequirement requirement, string? value)
    {
        var values = requirement.Values ?? [];
        switch (requirement.Operator)
        {
            case NodeSelectorOperators.In:
                return value is not null && values.Contains(value);
            case NodeSelectorOperators.NotIn:
                return value is null || !values.Contains(value);
            case NodeSelectorOperators.Exists:
                return value is not null;
            case NodeSelectorOperators.DoesNotExist:
                return value is null;
            case NodeSelectorOperators.Gt or NodeSelectorOperators.Lt:
                if (values.Count != 1 || !long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bound)
                    || !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return false;
                }

                return requirement.Operator == NodeSelectorOperators.Gt ? number > bound : number < bound;
            default:
                return false;
        }
    }
}
