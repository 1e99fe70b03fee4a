namespace FastKube.Scheduler.Framework;

/// <summary>
/// A scheduling plugin. Plugins keep the state of the current pod in their own fields: the scheduler runs
/// one cycle at a time, and Filter and Score only read that state (so filtering may run in parallel).
/// </summary>
internal interface IPlugin
{
    string Name { get; }
}

/// <summary>PreFilter + Filter: decides which nodes can run the pod.</summary>
internal interface IFilterPlugin : IPlugin
{
    /// <summary>The cluster events after which a pod this plugin rejected may fit.</summary>
    ClusterEvents Events { get; }

    /// <summary>Prepares the pod's state; false when the plugin has nothing to check (upstream's Skip).</summary>
    bool PreFilter(CycleContext context);

    /// <summary>0 when the pod fits on the node, otherwise a plugin-specific failure code.</summary>
    int Filter(CycleContext context, int slot);

    /// <summary>Whether a failure code is UnschedulableAndUnresolvable (preemption cannot help).</summary>
    bool IsUnresolvable(int code);

    /// <summary>Adds upstream's reason text(s) for a failure on the node (cold path: only when nothing fits).</summary>
    void Explain(CycleContext context, int slot, int code, List<string> reasons);
}

/// <summary>PreScore + Score + NormalizeScore: ranks feasible nodes 0-100.</summary>
internal interface IScorePlugin : IPlugin
{
    /// <summary>Prepares scoring over <see cref="CycleContext.Feasible"/>; false skips the plugin (every node scores 0).</summary>
    bool PreScore(CycleContext context);

    long Score(CycleContext context, int slot);

    /// <summary>Maps raw scores (index = position in the feasible list) onto 0-100.</summary>
    void Normalize(CycleContext context, Span<long> scores);
}
