using System.Diagnostics;
using System.Globalization;
using System.Net;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers;
using FastKube.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Bench;

/// <summary>
/// The controller manager's targets of issue 4, against an in-process API server on SQLite over HTTPS/HTTP/2
/// with every controller running: <c>deployment_10k_create_s</c> (a Deployment scaled 0 → 10,000: time until all
/// pod objects exist, as a pod informer of the bench sees them) and <c>endpointslice_update_p99_ms</c>
/// (ControllersScenario.Slices.cs). The controllers' client runs without a QPS limit (<c>kubeApiQps: 0</c>): the
/// figures are the controllers' own speed, not a client-side throttle's.
/// </summary>
internal sealed partial class ControllersScenario : IBenchScenario
{
    public string Name => "controllers";

    public string Description => "a Deployment scaled 0 → 10,000 pods, and EndpointSlice readiness latency with 10,000 Services × 10 pods";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = new BenchReport();
        report.Notes["store"] = "sqlite";
        report.Notes["client_qps"] = "unlimited";
        using var pki = ClusterPki.LoadOrCreate(Path.Combine(context.WorkDirectory, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        await DeploymentAsync(context, pki, context.Quick ? 200 : 10_000, report, cancellationToken).ConfigureAwait(false);
        await SlicesAsync(context, pki, context.Quick ? 20 : Services, context.Quick ? 10 : Flips, report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static async Task DeploymentAsync(BenchContext context, ClusterPki pki, int replicas, BenchReport report, CancellationToken cancellationToken)
    {
        await using var cluster = await Cluster.StartAsync(context, pki, "deployment", cancellationToken).ConfigureAwait(false);
        var client = cluster.Client;
        await using var manager = await ControllerManager.StartAsync(client, new ControllerManagerOptions(), NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        await using var watching = new SharedInformerFactory(client);
        var pods = watching.GetInformer<Pod>();
        watching.Start(cancellationToken);
        await watching.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);

        var deployments = client.Resource<Deployment>();
        await deployments.CreateAsync(Web(0), cancellationToken: cancellationToken).ConfigureAwait(false);
        await WaitUntilAsync(() => client.Resource<ReplicaSet>().ListAsync("default", cancellationToken: cancellationToken).ContinueWith(t => t.Result.Items.Count == 1, TaskScheduler.Default), cancellationToken).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        await deployments.PatchAsync("default", "web", PatchType.Merge, "{\"spec\":{\"replicas\":" + replicas.ToString(CultureInfo.InvariantCulture) + "}}", cancellationToken: cancellationToken).ConfigureAwait(false);
        await WaitUntilAsync(() => Task.FromResult(pods.Cache.Count >= replicas), cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        report.Figures["deployment_10k_create_s"] = elapsed.TotalSeconds * 10_000 / replicas;
        report.Notes["deployment_replicas"] = replicas.ToString(CultureInfo.InvariantCulture);
        report.Notes["deployment_measured_s"] = elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
        context.Log.WriteLine($"controllers: {replicas} pods of a deployment exist after {elapsed.TotalSeconds:F2}s");
    }

    private static Deployment Web(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "busybox:1.36" }] },
            },
        },
    };

    // Polls every 5 ms: fine enough for second-scale figures, and the probes are cache reads.
    private static async Task WaitUntilAsync(Func<Task<bool>> done, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!await done().ConfigureAwait(false))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("controllers bench: gave up after 5 minutes");
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An API server on a fresh SQLite file and an unthrottled admin client of it.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly SqliteStore _store;
        private readonly ApiServerHost _host;
        private readonly string _database;

        private Cluster(SqliteStore store, ApiServerHost host, KubeClient client, string database)
        {
            _store = store;
            _host = host;
            Client = client;
            _database = database;
        }

        public KubeClient Client { get; }

        public static async Task<Cluster> StartAsync(BenchContext context, ClusterPki pki, string name, CancellationToken cancellationToken)
        {
            var database = Path.Combine(context.WorkDirectory, $"controllers-{name}.db");
            var store = SqliteStore.Open(new SqliteStoreOptions { Path = database });
            var host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, pki, store, cancellationToken).ConfigureAwait(false);
            var kubeconfig = Path.Combine(context.WorkDirectory, $"kubeconfig-{name}");
            Kubeconfig.Write(kubeconfig, host.Address, pki.CaCertificate, pki.AdminCertificate);
            return new Cluster(store, host, KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = 0 }), database);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _host.DisposeAsync().ConfigureAwait(false);
            await _store.DisposeAsync().ConfigureAwait(false);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_database + suffix);
            }
        }
    }
}
