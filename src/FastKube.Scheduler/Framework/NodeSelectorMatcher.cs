using System.Globalization;
using FastKube.Api.Core;
using FastKube.Scheduler.Cache;

namespace FastKube.Scheduler.Framework;

/// <summary>
/// A nodeSelector map or node selector terms compiled against the cache's interned labels. Upstream
/// semantics: terms are ORed, requirements in a term ANDed, a term with no requirements matches nothing;
/// matchFields supports metadata.name with In and NotIn.
/// </summary>
internal sealed class NodeSelectorMatcher
{
    private readonly Requirement[][] _terms;

    private NodeSelectorMatcher(Requirement[][] terms) => _terms = terms;

    public static NodeSelectorMatcher FromMap(Dictionary<string, string> selector, ClusterCache cache) =>
        new([[.. selector.Select(pair => new Requirement(Kind.In, cache.Strings.Find(pair.Key), [cache.Strings.Find(pair.Value)], 0, []))]]);

    public static NodeSelectorMatcher FromTerms(IEnumerable<NodeSelectorTerm?> terms, ClusterCache cache) =>
        new([.. terms.Select(term => Compile(term, cache))]);

    public bool Matches(ClusterCache cache, int slot)
    {
        foreach (var term in _terms)
        {
            if (TermMatches(term, cache, slot))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>For preferred terms: whether term <paramref name="index"/> matches.</summary>
    public bool TermMatches(int index, ClusterCache cache, int slot) => TermMatches(_terms[index], cache, slot);

    private static bool TermMatches(Requirement[] term, ClusterCache cache, int slot)
    {
        if (term.Length == 0)
        {
            return false;
        }

        foreach (var requirement in term)
        {
            if (!requirement.Matches(cache, slot))
            {
                return false;
            }
        }

        return true;
    }

    private static Requirement[] Compile(NodeSelectorTerm? term, ClusterCache cache)
    {
        var requirements = new List<Requirement>();
        foreach (var expression in term?.MatchExpressions ?? [])
        {
            var values = expression.Values ?? [];
            var kind = expression.Operator switch
            {
                NodeSelectorOperators.In => Kind.In,
                NodeSelectorOperators.NotIn => Kind.NotIn,
                NodeSelectorOperators.Exists => Kind.Exists,
                NodeSelectorOperators.DoesNotExist => Kind.DoesNotExist,
                NodeSelectorOperators.Gt => Kind.Gt,
                NodeSelectorOperators.Lt => Kind.Lt,
                _ => Kind.Never,
            };
            long number = 0;
            if (kind is Kind.Gt or Kind.Lt && (values.Count != 1 || !long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out number)))
            {
                kind = Kind.Never;
            }

            requirements.Add(new Requirement(kind, cache.Strings.Find(expression.Key ?? ""), [.. values.Select(cache.Strings.Find)], number, []));
        }

        foreach (var field in term?.MatchFields ?? [])
        {
            // Upstream allows only metadata.name, with In or NotIn and one value.
            var kind = field.Key == "metadata.name" ? field.Operator switch
            {
                NodeSelectorOperators.In => Kind.NameIn,
                NodeSelectorOperators.NotIn => Kind.NameNotIn,
                _ => Kind.Never,
            } : Kind.Never;
            requirements.Add(new Requirement(kind, -1, [], 0, [.. field.Values ?? []]));
        }

        return [.. requirements];
    }

    private enum Kind
    {
        In,
        NotIn,
        Exists,
        DoesNotExist,
        Gt,
        Lt,
        NameIn,
        NameNotIn,
        Never,
    }

    private sealed record Requirement(Kind Kind, int KeyId, int[] ValueIds, long Number, string[] Names)
    {
        public bool Matches(ClusterCache cache, int slot)
        {
            var value = Kind is Kind.NameIn or Kind.NameNotIn || KeyId < 0 ? -1 : cache.LabelValue(slot, KeyId);
            switch (Kind)
            {
                case Kind.In:
                    return value >= 0 && Array.IndexOf(ValueIds, value) >= 0;
                case Kind.NotIn:
                    return value < 0 || Array.IndexOf(ValueIds, value) < 0;
                case Kind.Exists:
                    return value >= 0;
                case Kind.DoesNotExist:
                    return value < 0;
                case Kind.Gt:
                case Kind.Lt:
                    if (value < 0 || !long.TryParse(cache.Strings[value], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                    {
                        return false;
                    }

                    return Kind == Kind.Gt ? number > Number : number < Number;
                case Kind.NameIn:
                    return Array.IndexOf(Names, cache.Names[slot]) >= 0;
                case Kind.NameNotIn:
                    return Array.IndexOf(Names, cache.Names[slot]) < 0;
                default:
                    return false;
            }
        }
    }
}
