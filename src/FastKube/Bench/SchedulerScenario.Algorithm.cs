using System.Diagnostics;
using System.Globalization;
using FastKube.Api.Core;
using FastKube.Scheduler;
using FastKube.Scheduler.Config;

namespace FastKube.Bench;

/// <summary>The algorithm alone: nodes and pods fed straight into the scheduler core, bound by an in-memory binder.</summary>
internal sealed partial class SchedulerScenario
{
    private static void RunAlgorithm(BenchReport report, BenchContext context, Shape shape, int nodeCount, int podCount, CancellationToken cancellationToken)
    {
        var binder = new CountingBinder();
        var scheduler = Scheduler.Scheduler.Create(SchedulerConfiguration.Default, binder, NoEvents.Instance, TimeProvider.System, new Random(1));
        for (var i = 0; i < nodeCount; i++)
        {
            scheduler.AddNode(MakeNode(i));
        }

        var pods = new Pod[podCount];
        for (var i = 0; i < podCount; i++)
        {
            pods[i] = MakePod(shape, i);
        }

        var stopwatch = Stopwatch.StartNew();
        foreach (var pod in pods)
        {
            scheduler.AddPod(pod);
        }

        while (scheduler.ScheduleOne())
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        stopwatch.Stop();
        var figure = string.Create(CultureInfo.InvariantCulture, $"{shape.Name}_{nodeCount}n_algorithm_pods_per_s");
        var rate = binder.Bound / stopwatch.Elapsed.TotalSeconds;
        report.Figures[figure] = rate;
        report.Notes[$"{shape.Name}_algorithm_pods"] = string.Create(CultureInfo.InvariantCulture, $"{binder.Bound} of {podCount} bound in {stopwatch.Elapsed.TotalSeconds:F2} s");
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scheduler {figure}: {binder.Bound}/{podCount} pods bound, {rate:F0}"));
    }

    private sealed class CountingBinder : IPodBinder
    {
        private int _bound;

        public int Bound => Volatile.Read(ref _bound);

        public ValueTask<BindResult> BindAsync(Pod pod, string nodeName, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _bound);
            return ValueTask.FromResult(BindResult.Success);
        }
    }

    private sealed class NoEvents : ISchedulerEvents
    {
        public static readonly NoEvents Instance = new();

        public void OnScheduled(Pod pod, string nodeName)
        {
        }

        public void OnFailedScheduling(Pod pod, string reason, string message)
        {
        }

        public void OnNominated(Pod pod, string? nodeName)
        {
        }

        public void OnPreempted(Pod victim, Pod preemptor, string nodeName)
        {
        }
    }
}
