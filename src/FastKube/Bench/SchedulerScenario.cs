using System.Globalization;
using System.Net;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.ApiServer.Security;

namespace FastKube.Bench;

/// <summary>
/// <c>fastkube bench scheduler</c>: issue 5's figures in the shapes of upstream's scheduler_perf
/// (SchedulingBasic, SchedulingPodAntiAffinity, TopologySpreading): 5,000 nodes of 4 cpu / 32 GiB / 110 pods in
/// three zones, pods requesting 100m / 500Mi. Each shape runs twice: through an in-process API server on the
/// memory store (nodes and pods created over HTTP/2, <c>SchedulerService</c> fed by informers, binds posted to
/// pods/{name}/binding; SchedulerScenario.Api.cs), and as the algorithm alone (pods fed straight into the core,
/// an in-memory binder; SchedulerScenario.Algorithm.cs). <c>bind_e2e_pods_per_s</c> is the basic shape through the
/// API server on the SQLite store.
/// </summary>
internal sealed partial class SchedulerScenario : IBenchScenario
{
    /// <summary>Comma-separated run names (algorithm, basic, antiaffinity, spread, e2e) to run only those; unset runs all.</summary>
    internal const string OnlyVariable = "FASTKUBE_BENCH_SCHEDULER_ONLY";

    /// <summary>Overrides the pod count of the basic and spread shapes (short runs on a loaded machine); unset: 50,000.</summary>
    internal const string PodsVariable = "FASTKUBE_BENCH_SCHEDULER_PODS";

    private const string ZoneKey = "topology.kubernetes.io/zone";
    private const string Namespace = "default";

    public string Name => "scheduler";

    public string Description => "scheduler: 5,000 nodes, 50,000 pods basic / 5,000 with hostname anti-affinity / 50,000 spread over 3 zones, through an in-process API server (memory store; SQLite for bind_e2e) and as the algorithm alone (pods/s)";

    private static IReadOnlyList<Shape> Shapes { get; } =
    [
        new("basic", static (_, pods) => pods, static _ => { }),
        new("antiaffinity", static (nodes, _) => nodes, static pod =>
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
        }),
        new("spread", static (_, pods) => pods, static pod =>
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
        }),
    ];

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodes = context.Quick ? 50 : 5_000;
        var pods = context.Quick ? 200
            : int.TryParse(Environment.GetEnvironmentVariable(PodsVariable), CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 50_000;
        var only = Environment.GetEnvironmentVariable(OnlyVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool Selected(string run) => only is null || only.Contains(run, StringComparer.Ordinal);

        var report = new BenchReport();
        report.Notes["nodes"] = nodes.ToString(CultureInfo.InvariantCulture);
        report.Notes["processors"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        report.Notes["load_average"] = LoadAverage();
        if (Selected("algorithm"))
        {
            foreach (var shape in Shapes)
            {
                RunAlgorithm(report, context, shape, nodes, shape.Pods(nodes, pods), cancellationToken);
            }
        }

        using var pki = ClusterPki.LoadOrCreate(Path.Combine(context.WorkDirectory, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        foreach (var shape in Shapes)
        {
            if (Selected(shape.Name))
            {
                await RunApiAsync(report, context, pki, shape, nodes, shape.Pods(nodes, pods), sqlite: false, cancellationToken).ConfigureAwait(false);
            }
        }

        if (Selected("e2e"))
        {
            await RunApiAsync(report, context, pki, Shapes[0], nodes, pods, sqlite: true, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
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
                Capacity = new Dictionary<string, Quantity>
                {
                    ["cpu"] = Quantity.FromValue(4),
                    ["memory"] = Quantity.Parse("32Gi"),
                    ["pods"] = Quantity.FromValue(110),
                },
            },
        };
    }

    private static Pod MakePod(Shape shape, int index)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = $"{shape.Name}-{index}", Namespace = Namespace, Uid = $"{shape.Name}-{index}", Labels = [] },
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
        shape.Apply(pod);
        return pod;
    }

    /// <summary>One scheduler_perf-like workload: its name, how many pods for a node count and default, and what it adds to each pod.</summary>
    private sealed record Shape(string Name, Func<int, int, int> Pods, Action<Pod> Apply);
}
