using FastKube.Api.Core;
using FastKube.Scheduler.Cache;

namespace FastKube.Scheduler.Framework;

/// <summary>A pod's nodeSelector and required node affinity together: a node must satisfy both.</summary>
internal sealed class PodNodeAffinity
{
    private readonly NodeSelectorMatcher? _selector;
    private readonly NodeSelectorMatcher? _required;

    private PodNodeAffinity(NodeSelectorMatcher? selector, NodeSelectorMatcher? required)
    {
        _selector = selector;
        _required = required;
    }

    /// <summary>Null when the pod constrains nodes neither way.</summary>
    public static PodNodeAffinity? For(PodSpec? spec, ClusterCache cache)
    {
        var selector = spec?.NodeSelector is { Count: > 0 } map ? NodeSelectorMatcher.FromMap(map, cache) : null;
        var required = spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { } terms
            ? NodeSelectorMatcher.FromTerms(terms.NodeSelectorTerms ?? [], cache)
            : null;
        return selector is null && required is null ? null : new PodNodeAffinity(selector, required);
    }

    public bool Matches(ClusterCache cache, int slot) =>
        (_selector is null || _selector.Matches(cache, slot)) && (_required is null || _required.Matches(cache, slot));
}
