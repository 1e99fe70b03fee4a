using System.Diagnostics;
using System.Globalization;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Scheduler;
using FastKube.Scheduler.Config;

namespace FastKube.Bench;

/// <summary>
/// <c>fastkube bench scheduler</c>: the scheduler core alone, fed nodes and pods directly and binding in
/// memory, in the shapes of upstream's scheduler_perf (SchedulingBasic, SchedulingPodAntiAffinity,
/// TopologySpreading): 5,000 nodes of 4 cpu / 32 GiB / 110 pods, pods requesting 100m / 500Mi. The time
/// covers queueing every pod and scheduling until all are bound. This is the algorithm-only precursor of
/// issue 5's figure, which runs through an in-process API server once the client and informers land.
/// </summary>
internal sealed class SchedulerScenario : IBenchScenario
{
    private const string ZoneKey = "topology.kubernetes.io/zone";

    public string Name => "scheduler";

    public string Description => "scheduler core: 5,000 nodes, 50,000 pods basic / 5,000 with hostname anti-affinity / 50,000 spread over 3 zones (pods/s, in-memory binder)";

    public Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodes = context.Quick ? 100 : 5_000;
        var pods = context.Quick ? 500 : 50_000;
        var report = new BenchReport();
        report.Notes["nodes"] = nodes.ToString(CultureInfo.InvariantCulture);
        report.Notes["processors"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        report.Notes["path"] = "algorithm only: pods fed straight into the scheduler, in-memory binder (no API server yet)";

        Run(report, context, "basic", nodes, pods, static _ => { }, cancellationToken);
        Run(report, context, "antiaffinity", nodes, nodes, static pod =>
        {
            pod.Metadata!.Labels!["app"] = "anti";
            pod.Spec!.Affinity = new Affinity
            {
                PodAntiAffinity = new PodAntiAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution =
                    [
                        new PodAffinityTerm { LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "anti" } }, TopologyKey = "kubernetes.io/hostname" },
                    ],
                },
            };
        }, cancellationToken);
        Run(report, context, "spread", nodes, pods, static pod =>
        {
            pod.Metadata!.Labels!["app"] = "spread";
            pod.Spec!.TopologySpreadConstraints =
            [
                new TopologySpreadConstraint
                {
                    MaxSkew = 1, TopologyKey = ZoneKey, WhenUnsatisfiable = "DoNotSchedule",
                    LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "spread" } },
                },
            ];
        }, cancellationToken);
        return Task.FromResult(report);
    }

    private static void Run(BenchReport report, BenchContext context, string name, int nodeCount, int podCount, Action<Pod> shape, CancellationToken cancellationToken)
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
            pods[i] = MakePod(name, i);
            shape(pods[i]);
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
        var figure = string.Create(CultureInfo.InvariantCulture, $"{name}_{nodeCount}n_pods_per_s");
        var rate = binder.Bound / stopwatch.Elapsed.TotalSeconds;
        report.Figures[figure] = rate;
        report.Notes[$"{name}_pods"] = string.Create(CultureInfo.InvariantCulture, $"{binder.Bound} of {podCount} bound in {stopwatch.Elapsed.TotalSeconds:F2} s");
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scheduler {figure}: {binder.Bound}/{podCount} pods bound, {rate:F0}"));
    }

    private static Node MakeNode(int index)
    {
        var name = $"node-{index}";
        return new Node
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string>
                {
                    ["kubernetes.io/hostname"] = name,
                    [ZoneKey] = $"zone-{index % 3}",
                },
            },
            Spec = new NodeSpec(),
            Status = new NodeStatus
            {
                Allocatable = new Dictionary<string, Quantity>
                {
                    ["cpu"] = Quantity.FromValue(4),
                    ["memory"] = Quantity.Parse("32Gi"),
                    ["pods"] = Quantity.FromValue(110),
                },
            },
        };
    }

    private static Pod MakePod(string scenario, int index) => new()
    {
        Metadata = new ObjectMeta { Name = $"{scenario}-{index}", Namespace = "bench", Uid = $"{scenario}-{index}", Labels = [] },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "app", Image = "registry.k8s.io/pause:3.10",
                    Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.FromMilli(100), ["memory"] = Quantity.Parse("500Mi") } },
                },
            ],
        },
        Status = new PodStatus { Phase = "Pending" },
    };

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
