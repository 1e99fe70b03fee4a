using System.Globalization;
using System.Text;

namespace FastKube.Scheduler.Framework;

/// <summary>Which plugin rejected which node in this cycle, and upstream's FitError message built from it.</summary>
internal sealed class Diagnosis
{
    private readonly List<(int Slot, int Plugin, int Code)> _rejections = [];
    private IFilterPlugin[] _active = [];

    public int NodeCount { get; private set; }

    public IReadOnlyList<(int Slot, int Plugin, int Code)> Rejections => _rejections;

    /// <summary>Names of the plugins that rejected at least one node (what queueing hints key on).</summary>
    public IEnumerable<IFilterPlugin> RejectingPlugins => _rejections.Select(r => r.Plugin).Distinct().Select(i => _active[i]);

    public void Reset(ReadOnlySpan<IFilterPlugin> active, int nodeCount)
    {
        _active = active.ToArray();
        NodeCount = nodeCount;
        _rejections.Clear();
    }

    public void Add(int slot, int plugin, int code) => _rejections.Add((slot, plugin, code));

    public bool IsUnresolvable((int Slot, int Plugin, int Code) rejection) => _active[rejection.Plugin].IsUnresolvable(rejection.Code);

    /// <summary>
    /// "0/N nodes are available: " + "count reason" entries sorted as strings (upstream sorts the
    /// formatted histogram with sort.Strings) + "." and, when preemption ran and failed, " " + its message.
    /// </summary>
    public string Message(CycleContext context, string? postFilterMessage)
    {
        if (NodeCount == 0)
        {
            return "no nodes available to schedule pods";
        }

        var histogram = new Dictionary<string, int>(StringComparer.Ordinal);
        var reasons = new List<string>();
        foreach (var rejection in _rejections)
        {
            reasons.Clear();
            _active[rejection.Plugin].Explain(context, rejection.Slot, rejection.Code, reasons);
            foreach (var reason in reasons)
            {
                histogram[reason] = histogram.GetValueOrDefault(reason) + 1;
            }
        }

        var message = new StringBuilder(NodesAvailable(NodeCount, histogram));
        if (!string.IsNullOrEmpty(postFilterMessage))
        {
            message.Append(' ').Append(postFilterMessage);
        }

        return message.ToString();
    }

    /// <summary>"0/N nodes are available: a, b." with the "count reason" entries ordinal-sorted.</summary>
    public static string NodesAvailable(int nodes, Dictionary<string, int> histogram)
    {
        var entries = histogram.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Value} {h.Key}")).Order(StringComparer.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"0/{nodes} nodes are available: {string.Join(", ", entries)}.");
    }
}
