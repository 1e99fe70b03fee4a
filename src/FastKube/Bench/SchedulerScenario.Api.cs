using System.Diagnostics;
using System.Globalization;
using FastKube.Api.Core;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Hosting;
using FastKube.Storage;
using FastKube.Storage.Memory;
using FastKube.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Bench;

/// <summary>
/// One shape through an in-process API server, as scheduler_perf runs it: the nodes are created first (not
/// timed), <c>SchedulerService</c> starts and syncs its informers, then the measured phase creates every pod
/// over HTTP/2 (64 concurrent writers, no client rate limit) while the scheduler binds them through
/// pods/{name}/binding. A separate pod informer (scheduler_perf's throughput collector) observes each pod's
/// spec.nodeName appear. Throughput = pods bound ÷ (last bind observed − first create sent): scheduler_perf's
/// SchedulingThroughput average over the scheduling phase, from one interval instead of 1 s samples.
/// </summary>
internal sealed partial class SchedulerScenario
{
    private const int Writers = 64;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private static async Task RunApiAsync(BenchReport report, BenchContext context, ClusterPki pki, Shape shape, int nodeCount, int podCount, bool sqlite, CancellationToken cancellationToken)
    {
        var run = sqlite ? "bind_e2e" : $"{shape.Name}_{nodeCount}n";
        var database = Path.Combine(context.WorkDirectory, "scheduler.db");
        IStore store = sqlite ? SqliteStore.Open(new SqliteStoreOptions { Path = database }) : new InMemoryStore();
        await using (store.ConfigureAwait(false))
        {
            await using var host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, pki, store, cancellationToken).ConfigureAwait(false);
            var kubeconfig = Path.Combine(context.WorkDirectory, "kubeconfig");
            Kubeconfig.Write(kubeconfig, host.Address, pki.CaCertificate, pki.AdminCertificate);
            var unlimited = new KubeClientOptions { Qps = 0 };
            using var writer = KubeClient.FromKubeconfig(kubeconfig, options: unlimited);
            using var schedulerClient = KubeClient.FromKubeconfig(kubeconfig, options: unlimited);
            using var observerClient = KubeClient.FromKubeconfig(kubeconfig, options: unlimited);

            var nodes = writer.Resource<Node>();
            await InParallelAsync(nodeCount, i => nodes.CreateAsync(MakeNode(i), cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);

            context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scheduler {run}: {nodeCount} nodes created"));
            var observer = new BindObserver(podCount);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var informer = new SharedInformer<Pod>(observerClient.Resource<Pod>());
            informer.AddEventHandler(new ResourceEventHandler<Pod> { Updated = observer.OnUpdate });
            var observing = informer.RunAsync(stop.Token);
            await informer.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
            await using (await SchedulerService.StartAsync(schedulerClient, SchedulerConfiguration.Default, NullLoggerFactory.Instance, TimeProvider.System, cancellationToken).ConfigureAwait(false))
            {
                using var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                var pods = writer.Resource<Pod>();
                await InParallelAsync(podCount, i =>
                {
                    var pod = MakePod(shape, i);
                    pod.Metadata!.Uid = null;
                    return pods.CreateAsync(pod, cancellationToken: cancellationToken);
                }, cancellationToken).ConfigureAwait(false);
                var created = Stopwatch.GetElapsedTime(started);
                context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scheduler {run}: {podCount} pods created in {created.TotalSeconds:F2} s, {observer.Bound} bound"));
                var done = await Task.WhenAny(observer.AllBound, Task.Delay(Patience, cancellationToken)).ConfigureAwait(false) == observer.AllBound;
                var elapsed = Stopwatch.GetElapsedTime(started, done ? observer.LastBind : Stopwatch.GetTimestamp());
                process.Refresh();
                var cpu = process.TotalProcessorTime - cpuBefore;

                var rate = observer.Bound / elapsed.TotalSeconds;
                report.Figures[$"{run}_pods_per_s"] = rate;
                report.Figures[$"{run}_cpu_us_per_pod"] = cpu.TotalMicroseconds / Math.Max(1, observer.Bound);
                report.Notes[$"{run}_pods"] = string.Create(CultureInfo.InvariantCulture,
                    $"{observer.Bound} of {podCount} bound in {elapsed.TotalSeconds:F2} s (creates done at {created.TotalSeconds:F2} s, first bind at {Stopwatch.GetElapsedTime(started, observer.FirstBind).TotalSeconds:F2} s); process CPU {cpu.TotalSeconds:F1} s");
                context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scheduler {run}: {observer.Bound}/{podCount} pods bound in {elapsed.TotalSeconds:F2} s ({rate:F0}/s; creates done at {created.TotalSeconds:F2} s; CPU {cpu.TotalSeconds:F1} s)"));
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await observing.ConfigureAwait(false);
        }

        if (sqlite)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static Task InParallelAsync(int count, Func<int, Task> create, CancellationToken cancellationToken)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await create(i).ConfigureAwait(false);
            }
        }, cancellationToken)));
    }

    /// <summary>Counts pods whose spec.nodeName appeared, with the timestamps of the first and the last.</summary>
    private sealed class BindObserver(int expected)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _bound;

        public Task AllBound => _all.Task;

        public int Bound => Volatile.Read(ref _bound);

        public long FirstBind { get; private set; }

        public long LastBind { get; private set; }

        public void OnUpdate(Pod before, Pod after)
        {
            if (!string.IsNullOrEmpty(before.Spec?.NodeName) || string.IsNullOrEmpty(after.Spec?.NodeName))
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            var bound = Interlocked.Increment(ref _bound);
            if (bound == 1)
            {
                FirstBind = now;
            }

            LastBind = now;
            if (bound == expected)
            {
                _all.TrySetResult();
            }
        }
    }
}
