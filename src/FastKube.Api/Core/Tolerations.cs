namespace FastKube.Api.Core;

/// <summary>
/// Taint and toleration matching for the node lifecycle controller, admission and the node agent (the
/// scheduler matches against its compiled taints, see FastKube.Scheduler's CompiledTaint).
/// </summary>
public static class Tolerations
{
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";

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
            null or "" or TolerationOperators.Equal => (toleration.Value ?? "") == (taint.Value ?? ""),
            TolerationOperators.Exists => true,
            _ => false,
        };
    }

    /// <summary>Whether any of <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    public static bool AnyTolerates(IEnumerable<Toleration>? tolerations, Taint taint) =>
        tolerations?.Any(t => t.Tolerates(taint)) == true;
}
