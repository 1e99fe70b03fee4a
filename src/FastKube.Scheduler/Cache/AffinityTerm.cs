using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Meta;

namespace FastKube.Scheduler.Cache;

/// <summary>
/// A pod (anti-)affinity term ready to match: the label selector (with matchLabelKeys and
/// mismatchLabelKeys merged from the owner's labels, as the API server does since 1.31), the namespaces
/// it looks in, the topology key and, for preferred terms, the weight.
/// </summary>
internal sealed class AffinityTerm
{
    private AffinityTerm(Selector selector, HashSet<string>? namespaces, string topologyKey, int weight, string canonical)
    {
        Selector = selector;
        Namespaces = namespaces;
        TopologyKey = topologyKey;
        Weight = weight;
        Canonical = canonical;
    }

    public Selector Selector { get; }

    /// <summary>The namespaces searched; null means all (an empty namespaceSelector).</summary>
    public HashSet<string>? Namespaces { get; }

    public string TopologyKey { get; }

    public int Weight { get; }

    /// <summary>Identity of the term for grouping equal terms of many pods (one deployment's replicas).</summary>
    public string Canonical { get; }

    public bool Matches(string podNamespace, IReadOnlyDictionary<string, string>? labels) =>
        (Namespaces is null || Namespaces.Contains(podNamespace)) && Selector.Matches(labels);

    /// <summary>
    /// Compiles <paramref name="term"/> of a pod in <paramref name="ownerNamespace"/>. Upstream semantics:
    /// no namespaces and no namespaceSelector mean the owner's namespace; an empty namespaceSelector means
    /// every namespace. A non-empty namespaceSelector needs namespace labels, which this scheduler does not
    /// watch: only the listed namespaces are searched then. An invalid selector matches nothing.
    /// </summary>
    public static AffinityTerm Compile(PodAffinityTerm term, string ownerNamespace, IReadOnlyDictionary<string, string>? ownerLabels, int weight)
    {
        var selector = MergedSelector(term.LabelSelector, term.MatchLabelKeys, term.MismatchLabelKeys, ownerLabels);
        HashSet<string>? namespaces;
        var selectorIsEmpty = term.NamespaceSelector is { } ns && (ns.MatchLabels?.Count ?? 0) == 0 && (ns.MatchExpressions?.Count ?? 0) == 0;
        if (selectorIsEmpty)
        {
            namespaces = null;
        }
        else
        {
            namespaces = new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal);
            if (namespaces.Count == 0 && term.NamespaceSelector is null)
            {
                namespaces.Add(ownerNamespace);
            }
        }

        var canonical = new StringBuilder()
            .Append(selector).Append('|')
            .Append(namespaces is null ? "*" : string.Join(',', namespaces.Order(StringComparer.Ordinal))).Append('|')
            .Append(term.TopologyKey).Append('|').Append(weight)
            .ToString();
        return new AffinityTerm(selector, namespaces, term.TopologyKey ?? "", weight, canonical);
    }

    /// <summary>
    /// A label selector with <c>key in (owner's value)</c> added for each matchLabelKey and
    /// <c>key notin (owner's value)</c> for each mismatchLabelKey the owner carries; null selects nothing.
    /// </summary>
    public static Selector MergedSelector(LabelSelector? labelSelector, List<string>? matchKeys, List<string>? mismatchKeys, IReadOnlyDictionary<string, string>? ownerLabels)
    {
        if (labelSelector is null)
        {
            return Selector.Nothing;
        }

        if ((matchKeys?.Count ?? 0) + (mismatchKeys?.Count ?? 0) > 0 && ownerLabels is not null)
        {
            var expressions = new List<LabelSelectorRequirement>(labelSelector.MatchExpressions ?? []);
            foreach (var key in matchKeys ?? [])
            {
                if (ownerLabels.TryGetValue(key, out var value))
                {
                    expressions.Add(new LabelSelectorRequirement { Key = key, Operator = "In", Values = [value] });
                }
            }

            foreach (var key in mismatchKeys ?? [])
            {
                if (ownerLabels.TryGetValue(key, out var value))
                {
                    expressions.Add(new LabelSelectorRequirement { Key = key, Operator = "NotIn", Values = [value] });
                }
            }

            labelSelector = new LabelSelector { MatchLabels = labelSelector.MatchLabels, MatchExpressions = expressions };
        }

        return Selector.TryFrom(labelSelector, out var selector, out _) ? selector : Selector.Nothing;
    }
}
