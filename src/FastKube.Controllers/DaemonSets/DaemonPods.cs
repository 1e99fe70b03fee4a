using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Controllers.Common;
using FastKube.Controllers.Nodes;

namespace FastKube.Controllers.DaemonSets;

/// <summary>
/// Which nodes a DaemonSet's pod belongs on and how it is made, as upstream's daemon controller does it:
/// the template gets the daemon tolerations (so node trouble neither evicts nor blocks it), the pod is
/// pinned to its node by a required node affinity on <c>metadata.name</c> (the scheduler binds it), and a
/// node fits when the template's nodeSelector and required affinity match and every NoSchedule and
/// NoExecute taint is tolerated; a pod already there keeps running unless a NoExecute taint is untolerated.
/// </summary>
internal static class DaemonPods
{
    public const string TemplateGenerationLabel = "pod-template-generation";

    private static readonly (string Key, string Effect)[] Always =
    [
        (Tolerations.NotReadyTaint, TaintEffects.NoExecute),
        (Tolerations.UnreachableTaint, TaintEffects.NoExecute),
        (NodeHealth.DiskPressureTaint, TaintEffects.NoSchedule),
        (NodeHealth.MemoryPressureTaint, TaintEffects.NoSchedule),
        (NodeHealth.PidPressureTaint, TaintEffects.NoSchedule),
        (NodeHealth.UnschedulableTaint, TaintEffects.NoSchedule),
    ];

    /// <summary>The spec daemon pods run with: the template's plus upstream's daemon tolerations (Exists, no seconds).</summary>
    public static PodSpec Spec(DaemonSet ds)
    {
        var spec = Objects.Copy(ds.Spec?.Template?.Spec ?? new PodSpec());
        var tolerations = spec.Tolerations ??= [];
        foreach (var (key, effect) in spec.HostNetwork == true ? Always.Append((NodeHealth.NetworkUnavailableTaint, TaintEffects.NoSchedule)) : Always)
        {
            if (!tolerations.Any(t => t.Key == key && t.Effect == effect && t.Operator == TolerationOperators.Exists && t.TolerationSeconds is null))
            {
                tolerations.Add(new Toleration { Key = key, Operator = TolerationOperators.Exists, Effect = effect });
            }
        }

        return spec;
    }

    /// <summary>Upstream's NodeShouldRunDaemonPod for a spec from <see cref="Spec"/>.</summary>
    public static (bool ShouldRun, bool ShouldContinueRunning) Fits(PodSpec spec, Node node)
    {
        if (!NodeSelectors.RequiredMatch(spec, node))
        {
            return (false, false);
        }

        var untolerated = (node.Spec?.Taints ?? []).Where(t => t.Effect is TaintEffects.NoSchedule or TaintEffects.NoExecute && !Tolerations.AnyTolerates(spec.Tolerations, t)).ToList();
        return untolerated.Count == 0 ? (true, true) : (false, !untolerated.Any(t => t.Effect == TaintEffects.NoExecute));
    }

    /// <summary>The node a daemon pod is for: where it is bound, else the node its affinity pins it to.</summary>
    public static string? TargetNode(Pod pod) =>
        pod.Spec?.NodeName is { Length: > 0 } bound ? bound
        : pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms?
            .SelectMany(t => t?.MatchFields ?? [])
            .FirstOrDefault(f => f.Key == "metadata.name" && f.Operator == NodeSelectorOperators.In && f.Values is { Count: 1 })?.Values![0];

    /// <summary>A pod for <paramref name="node"/>: generation and revision labels, and the template's required node affinity replaced by the node's name (upstream ReplaceDaemonSetPodNodeNameNodeAffinity).</summary>
    public static Pod NewPod(DaemonSet ds, PodSpec spec, string node, string hash)
    {
        var template = Objects.Copy(ds.Spec!.Template!);
        template.Spec = Objects.Copy(spec);
        var pod = PodTemplates.NewPod(ds, DaemonSet.GroupVersion, DaemonSet.KindName, template);
        var labels = pod.Metadata!.Labels ??= new(StringComparer.Ordinal);
        labels[Revisions.HashLabel] = hash;
        labels[TemplateGenerationLabel] = Revisions.Text(ds.Metadata!.Generation ?? 0);
        var affinity = (pod.Spec!.Affinity ??= new Affinity()).NodeAffinity ??= new NodeAffinity();
        affinity.RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
        {
            NodeSelectorTerms = [new NodeSelectorTerm { MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = NodeSelectorOperators.In, Values = [node] }] }],
        };
        return pod;
    }
}
