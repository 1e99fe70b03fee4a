using FastKube.Api;

namespace FastKube.Controllers.Deployments;

/// <summary>The replica counts of one ReplicaSet that the rolling-update arithmetic reads.</summary>
/// <param name="Created">Creation time; old ReplicaSets scale down oldest first.</param>
/// <param name="Replicas">spec.replicas.</param>
/// <param name="Available">status.availableReplicas.</param>
internal readonly record struct ReplicaCounts(DateTimeOffset Created, int Replicas, int Available);

/// <summary>
/// The arithmetic of a RollingUpdate, as upstream's deployment controller does it (deployment/util and
/// rolling.go): how far the new ReplicaSet may scale up without exceeding replicas + maxSurge, and how far
/// old ReplicaSets may scale down without dropping below replicas - maxUnavailable available pods.
/// </summary>
internal static class RollingUpdateMath
{
    /// <summary>
    /// maxSurge (rounded up) and maxUnavailable (rounded down) as pod counts of <paramref name="desired"/>;
    /// when both come to zero, maxUnavailable becomes 1 so that the rollout can progress.
    /// </summary>
    public static (int MaxSurge, int MaxUnavailable) ResolveFenceposts(IntOrString? maxSurge, IntOrString? maxUnavailable, int desired)
    {
        var surge = (maxSurge ?? new IntOrString(0)).GetScaledValue(desired, roundUp: true);
        var unavailable = (maxUnavailable ?? new IntOrString(0)).GetScaledValue(desired, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    /// <summary>The new ReplicaSet's next replica count: up by what the surge budget leaves, never past <paramref name="desired"/>.</summary>
    public static int NewReplicaSetReplicas(int desired, int maxSurge, int allReplicas, int newReplicas)
    {
        var maxTotal = desired + maxSurge;
        if (allReplicas >= maxTotal)
        {
            return newReplicas;
        }

        return newReplicas + Math.Min(maxTotal - allReplicas, desired - newReplicas);
    }

    /// <summary>
    /// The old ReplicaSets' next replica counts (same order as <paramref name="old"/>): first unhealthy
    /// replicas go, bounded by what may be scaled down without the new ReplicaSet's unavailable pods counting
    /// against the budget; then available replicas beyond <c>desired - maxUnavailable</c>, oldest first.
    /// </summary>
    public static int[] ScaleDownOld(int desired, int maxUnavailable, IReadOnlyList<ReplicaCounts> old, ReplicaCounts current)
    {
        var next = old.Select(o => o.Replicas).ToArray();
        if (next.Sum() == 0)
        {
            return next;
        }

        var minAvailable = desired - maxUnavailable;
        var allReplicas = next.Sum() + current.Replicas;
        var newUnavailable = current.Replicas - current.Available;
        var maxScaledDown = allReplicas - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return next;
        }

        var order = Enumerable.Range(0, old.Count).OrderBy(i => old[i].Created).ToArray();
        var available = old.Select(o => o.Available).ToArray();

        // Unhealthy replicas first: removing them cannot lower availability.
        var cleaned = 0;
        foreach (var i in order)
        {
            if (cleaned >= maxScaledDown)
            {
                break;
            }

            var unhealthy = next[i] - available[i];
            if (next[i] == 0 || unhealthy <= 0)
            {
                continue;
            }

            var down = Math.Min(maxScaledDown - cleaned, unhealthy);
            next[i] -= down;
            cleaned += down;
        }

        // Then healthy replicas, as long as availability stays at or above minAvailable.
        var totalAvailable = available.Sum() + current.Available;
        var budget = totalAvailable - minAvailable;
        var scaled = 0;
        foreach (var i in order)
        {
            if (scaled >= budget)
            {
                break;
            }

            if (next[i] == 0)
            {
                continue;
            }

            var down = Math.Min(next[i], budget - scaled);
            next[i] -= down;
            scaled += down;
        }

        return next;
    }
}
