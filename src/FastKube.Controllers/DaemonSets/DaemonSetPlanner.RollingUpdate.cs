using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Controllers.ReplicaSets;

namespace FastKube.Controllers.DaemonSets;

internal static partial class DaemonSetPlanner
{
    /// <summary>
    /// One step of upstream's DaemonSet rolling update over the nodes' surviving pods. Without surge an old
    /// pod is deleted (and replaced by the next sync) when it is unavailable anyway, or while fewer than
    /// maxUnavailable nodes lack an available pod. With surge a new pod starts next to the old one on up to
    /// maxSurge nodes at a time (at once where the old one is unavailable), and the old one goes when the
    /// new one is available.
    /// </summary>
    private static void RollingUpdate(DaemonSet ds, Dictionary<string, List<Pod>> running, int desired, string hash, DateTimeOffset now, List<Pod> create, List<Pod> delete, PodSpec spec)
    {
        var (maxSurge, maxUnavailable) = Limits(ds, desired);
        bool Available(Pod pod) => ReplicaSetPlanner.IsAvailable(pod, ds.Spec?.MinReadySeconds, now);

        // Nodes still waiting for their first pod count as unavailable.
        var unavailable = create.Count;
        var surging = 0;
        var candidates = new List<(string Node, Pod Old)>();
        foreach (var (node, pods) in running.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var current = pods.FirstOrDefault(p => Hash(p) == hash);
            var old = pods.FirstOrDefault(p => Hash(p) != hash);
            if (old is null)
            {
                unavailable += current is not null && !Available(current) ? 1 : 0;
                continue;
            }

            if (maxSurge == 0)
            {
                if (current is not null)
                {
                    unavailable++;
                }
                else if (!Available(old))
                {
                    delete.Add(old);
                    unavailable++;
                }
                else
                {
                    candidates.Add((node, old));
                }

                continue;
            }

            if (current is null)
            {
                if (!Available(old))
                {
                    create.Add(DaemonPods.NewPod(ds, spec, node, hash));
                }
                else
                {
                    candidates.Add((node, old));
                }
            }
            else if (Available(current))
            {
                delete.Add(old);
            }
            else
            {
                surging++;
            }
        }

        if (maxSurge == 0)
        {
            delete.AddRange(candidates.Take(Math.Max(0, maxUnavailable - unavailable)).Select(c => c.Old));
        }
        else
        {
            create.AddRange(candidates.Take(Math.Max(0, maxSurge - surging)).Select(c => DaemonPods.NewPod(ds, spec, c.Node, hash)));
        }
    }
}
