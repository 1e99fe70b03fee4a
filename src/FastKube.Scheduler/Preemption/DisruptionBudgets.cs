using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Policy;
using FastKube.Scheduler.Cache;

namespace FastKube.Scheduler.Preemption;

/// <summary>
/// The PodDisruptionBudgets preemption consults (upstream's filterPodsWithPDBViolation): a budget covers a
/// pod in its namespace whose labels its selector matches (a missing or empty selector covers nothing, as
/// upstream's preemption reads it); each covered victim not already listed in status.disruptedPods uses one
/// of status.disruptionsAllowed, and a victim that finds none left violates the budget.
/// </summary>
internal sealed class DisruptionBudgets
{
    private readonly List<(string Namespace, Selector Selector, int Allowed, Dictionary<string, DateTimeOffset>? Disrupted)> _budgets = [];

    public DisruptionBudgets(IEnumerable<PodDisruptionBudget> budgets)
    {
        foreach (var budget in budgets)
        {
            if (budget.Spec?.Selector is { } selector && ((selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0)) > 0
                && Selector.TryFrom(selector, out var compiled, out _))
            {
                _budgets.Add((budget.Metadata?.Namespace ?? "default", compiled, budget.Status?.DisruptionsAllowed ?? 0, budget.Status?.DisruptedPods));
            }
        }
    }

    public bool IsEmpty => _budgets.Count == 0;

    /// <summary>Splits <paramref name="victims"/> (most important first) into those whose eviction violates a budget and the rest, keeping their order.</summary>
    public (List<PodRecord> Violating, List<PodRecord> NonViolating) Split(IReadOnlyList<PodRecord> victims)
    {
        var allowed = _budgets.Select(b => b.Allowed).ToArray();
        var violating = new List<PodRecord>();
        var nonViolating = new List<PodRecord>();
        foreach (var victim in victims)
        {
            var pod = victim.Pod;
            var ns = PodKeys.Namespace(pod);
            var violates = false;
            for (var i = 0; i < _budgets.Count; i++)
            {
                var (budgetNamespace, selector, _, disrupted) = _budgets[i];
                if (budgetNamespace != ns || !selector.Matches(pod.Metadata?.Labels) || disrupted?.ContainsKey(pod.Metadata?.Name ?? "") == true)
                {
                    continue;
                }

                if (--allowed[i] < 0)
                {
                    violates = true;
                }
            }

            (violates ? violating : nonViolating).Add(victim);
        }

        return (violating, nonViolating);
    }
}
