using FastKube.Api.Core;
using FastKube.Scheduler.Config;

namespace FastKube.Scheduler.Tests.EndToEnd;

/// <summary>A scheduler over an in-memory binder and a manual clock; pods are scheduled by explicit cycles.</summary>
internal sealed class Harness
{
    public Harness(SchedulerConfiguration? configuration = null)
    {
        Scheduler = Scheduler.Create(configuration ?? SchedulerConfiguration.Default, Binder, Events, Time, new Random(7));
    }

    public ManualTimeProvider Time { get; } = new();

    public MemoryBinder Binder { get; } = new();

    public RecordingEvents Events { get; } = new();

    public Scheduler Scheduler { get; }

    public Harness Nodes(params Node[] nodes)
    {
        foreach (var node in nodes)
        {
            Scheduler.AddNode(node);
        }

        return this;
    }

    /// <summary>Queues the pods and runs cycles until none is ready; returns where each went.</summary>
    public Dictionary<string, string> Schedule(params Pod[] pods)
    {
        foreach (var pod in pods)
        {
            Scheduler.AddPod(pod);
        }

        RunCycles();
        return new Dictionary<string, string>(Binder.Bound, StringComparer.Ordinal);
    }

    public int RunCycles()
    {
        var cycles = 0;
        while (Scheduler.ScheduleOne())
        {
            cycles++;
        }

        return cycles;
    }

    public string LastFailure(string pod) => Events.Failed.Last(f => f.Pod == pod).Message;
}
