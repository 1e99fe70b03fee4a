namespace FastKube.Api.Core;

/// <summary>Taint and toleration matching, shared by the scheduler, the node lifecycle controller and the node agent.</summary>
public static class Tolerations
{
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";
    public const string NoExecute = "NoExecute";
    public const string NoSchedule = "NoSchedule";

    /// <summary>
    /// Upstream's Toleration.ToleratesTaint: an effect and a key, when given, must match; operator Exists
    /// matches any value, Equal (the default) the same value.
    /// </summary>
    public static bool Tolerates(this Toleration toleration, Taint taint)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        ArgumentNullException.ThrowIfNull(taint);
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.Operator switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>Whether any of <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    public static bool AnyTolerates(IEnumerable<Toleration>? tolerations, Taint taint) =>
        tolerations?.Any(t => t.Tolerates(taint)) == true;
}
