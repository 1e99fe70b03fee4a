using FastKube.Api.Core;

namespace FastKube.Api.Defaulting;

/// <summary>
/// Upstream's DefaultTolerationSeconds admission plugin, applied to pods on create: a pod that does not
/// already tolerate the not-ready and unreachable NoExecute taints gets tolerations for them with 300
/// seconds, so a node that stops reporting has its pods evicted five minutes later instead of at once.
/// </summary>
public static class DefaultTolerationSeconds
{
    /// <summary>Upstream's --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds.</summary>
    public const long Seconds = 300;

    public static void Apply(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod.Spec ??= new PodSpec();
        foreach (var key in new[] { Tolerations.NotReadyTaint, Tolerations.UnreachableTaint })
        {
            // Any toleration naming the key for NoExecute (or every effect) counts as the pod's own choice.
            if (spec.Tolerations?.Any(t => t.Key == key && (string.IsNullOrEmpty(t.Effect) || t.Effect == TaintEffects.NoExecute)) == true)
            {
                continue;
            }

            (spec.Tolerations ??= []).Add(new Toleration { Key = key, Operator = "Exists", Effect = TaintEffects.NoExecute, TolerationSeconds = Seconds });
        }
    }
}
