namespace FastKube.Scheduler.Config;

/// <summary>
/// Upstream's default plugin set (v1 getDefaultPlugins, multiPoint) restricted to what this scheduler
/// implements, with upstream's default score weights, and the extension points each plugin serves.
/// </summary>
public static class PluginCatalog
{
    /// <summary>Filter order as upstream's default profile runs them (the first rejection is the reason a node reports).</summary>
    public static IReadOnlyList<string> DefaultFilters { get; } =
    [
        "NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity",
    ];

    /// <summary>Upstream's default score weights: TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, the rest 1.</summary>
    public static IReadOnlyList<WeightedPlugin> DefaultScores { get; } =
    [
        new("TaintToleration", 3), new("NodeAffinity", 2), new("NodeResourcesFit", 1), new("PodTopologySpread", 2),
        new("InterPodAffinity", 2), new("NodeResourcesBalancedAllocation", 1), new("ImageLocality", 1),
    ];

    public static IReadOnlySet<string> FilterPlugins { get; } = new HashSet<string>(DefaultFilters, StringComparer.Ordinal);

    public static IReadOnlySet<string> ScorePlugins { get; } = new HashSet<string>(DefaultScores.Select(s => s.Name), StringComparer.Ordinal);

    /// <summary>Plugins upstream enables by default that need objects this scheduler does not model (volumes, gates are handled by the queue, sorting and binding are fixed): accepted in disabled lists only.</summary>
    public static IReadOnlySet<string> AcceptedOnlyAsDisabled { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "VolumeRestrictions", "NodeVolumeLimits", "VolumeBinding", "VolumeZone", "SchedulingGates",
    };

    /// <summary>Every plugin name a configuration may mention.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        .. DefaultFilters, "NodeResourcesBalancedAllocation", "ImageLocality", "DefaultPreemption", "PrioritySort", "DefaultBinder",
        .. AcceptedOnlyAsDisabled.Order(StringComparer.Ordinal),
    ];

    public static int DefaultWeight(string plugin) => DefaultScores.FirstOrDefault(s => s.Name == plugin)?.Weight ?? 1;
}
