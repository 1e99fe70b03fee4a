using FastKube.Scheduler.Preemption;

using FastKube.Scheduler.Cache;

namespace FastKube.Scheduler.Framework;

/// <summary>
/// One scheduling profile: its filter plugins in order, its weighted score plugins, whether it preempts,
/// and how many feasible nodes it looks for. <see cref="FindNodes"/> and <see cref="SelectHost"/> are
/// upstream's schedulePod: find feasible nodes from a rotating start, score them, pick the best.
/// </summary>
internal sealed partial class Profile
{
    /// <summary>Upstream's minFeasibleNodesToFind: below this many nodes all are checked.</summary>
    public const int MinFeasibleNodesToFind = 100;

    /// <summary>Upstream's minFeasibleNodesPercentageToFind: the adaptive percentage never drops below this.</summary>
    public const int MinFeasibleNodesPercentageToFind = 5;

    private readonly IFilterPlugin[] _active;
    private long[] _raw = [];
    private long[] _total = [];
    private int _nextStart;

    public Profile(string schedulerName, IFilterPlugin[] filters, (IScorePlugin Plugin, int Weight)[] scores, DefaultPreemption? preemption, int percentageOfNodesToScore, int parallelism)
    {
        SchedulerName = schedulerName;
        Filters = filters;
        Scores = scores;
        Preemption = preemption;
        PercentageOfNodesToScore = percentageOfNodesToScore;
        Parallelism = Math.Max(1, parallelism);
        _active = new IFilterPlugin[filters.Length];
    }

    public string SchedulerName { get; }

    public IFilterPlugin[] Filters { get; }

    public (IScorePlugin Plugin, int Weight)[] Scores { get; }

    public DefaultPreemption? Preemption { get; }

    /// <summary>0 = upstream's adaptive default.</summary>
    public int PercentageOfNodesToScore { get; }

    public int Parallelism { get; }

    /// <summary>How many feasible nodes to find among <paramref name="allNodes"/> (upstream numFeasibleNodesToFind).</summary>
    public static int NumFeasibleNodesToFind(int allNodes, int percentage)
    {
        if (allNodes < MinFeasibleNodesToFind || percentage >= 100)
        {
            return allNodes;
        }

        if (percentage <= 0)
        {
            // Adaptive: 50 % at 0 nodes, falling by 1 % per 125 nodes, floor 5 %.
            percentage = Math.Max(MinFeasibleNodesPercentageToFind, 50 - (allNodes / 125));
        }

        var count = (int)((long)allNodes * percentage / 100);
        return Math.Max(count, MinFeasibleNodesToFind);
    }

    /// <summary>Runs PreFilter; returns the plugins whose Filter must run for this pod.</summary>
    public ReadOnlySpan<IFilterPlugin> PreFilter(CycleContext context)
    {
        var count = 0;
        foreach (var plugin in Filters)
        {
            if (plugin.PreFilter(context))
            {
                _active[count++] = plugin;
            }
        }

        return _active.AsSpan(0, count);
    }

    /// <summary>The index in <paramref name="active"/> of the first plugin rejecting the node and its code, or (-1, 0).</summary>
    public static (int Plugin, int Code) RunFilters(ReadOnlySpan<IFilterPlugin> active, CycleContext context, int slot)
    {
        for (var i = 0; i < active.Length; i++)
        {
            var code = active[i].Filter(context, slot);
            if (code != 0)
            {
                return (i, code);
            }
        }

        return (-1, 0);
    }

    /// <summary>
    /// Fills <see cref="CycleContext.Feasible"/> walking nodes from the rotating start index, stopping at
    /// the feasible count to find; rejections go to <paramref name="diagnosis"/>.
    /// </summary>
    public void FindNodes(CycleContext context, Diagnosis diagnosis)
    {
        var cache = context.Cache;
        var live = cache.LiveSlots;
        var all = live.Length;
        var active = PreFilter(context);
        diagnosis.Reset(active, all);
        if (all == 0)
        {
            return;
        }

        var toFind = NumFeasibleNodesToFind(all, PercentageOfNodesToScore);
        var start = _nextStart % all;
        var processed = active.Length > 0 && Parallelism > 1 && toFind >= ParallelMinimumNodes
            ? FindParallel(context, active, diagnosis, start, toFind)
            : FindSequential(context, active, diagnosis, live, start, toFind);
        _nextStart = (start + processed) % all;
    }

    private static int FindSequential(CycleContext context, ReadOnlySpan<IFilterPlugin> active, Diagnosis diagnosis, ReadOnlySpan<int> live, int start, int toFind)
    {
        var feasible = context.Feasible;
        var all = live.Length;
        for (var i = 0; i < all; i++)
        {
            var position = start + i;
            var slot = live[position >= all ? position - all : position];
            var (plugin, code) = RunFilters(active, context, slot);
            if (plugin < 0)
            {
                feasible.Add(slot);
                if (feasible.Count == toFind)
                {
                    return i + 1;
                }
            }
            else
            {
                diagnosis.Add(slot, plugin, code);
            }
        }

        return all;
    }

    /// <summary>Picks the highest total; ties broken uniformly at random (upstream's reservoir sampling).</summary>
    public int SelectHost(CycleContext context, Random random)
    {
        var feasible = context.Feasible;
        if (feasible.Count == 1)
        {
            return feasible[0];
        }

        var count = feasible.Count;
        if (_raw.Length < count)
        {
            _raw = new long[count];
            _total = new long[count];
        }

        var total = _total.AsSpan(0, count);
        total.Clear();
        var raw = _raw.AsSpan(0, count);
        foreach (var (plugin, weight) in Scores)
        {
            if (!plugin.PreScore(context))
            {
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                raw[i] = plugin.Score(context, feasible[i]);
            }

            plugin.Normalize(context, raw);
            for (var i = 0; i < count; i++)
            {
                total[i] += raw[i] * weight;
            }
        }

        var best = 0;
        var ties = 1;
        for (var i = 1; i < count; i++)
        {
            if (total[i] > total[best])
            {
                best = i;
                ties = 1;
            }
            else if (total[i] == total[best] && random.Next(++ties) == 0)
            {
                best = i;
            }
        }

        return feasible[best];
    }
}
