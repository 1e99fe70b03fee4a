using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.ApiServer.Security;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Bench;

/// <summary>
/// <c>endpointslice_update_p99_ms</c>: Services × 10 ready pods (bound, with IPs) exist before the controllers
/// start; once every Service has its slice, one pod at a time flips its Ready condition and the bench times the
/// status write until an EndpointSlice event shows that endpoint with the new readiness.
/// </summary>
internal sealed partial class ControllersScenario
{
    private const int Services = 10_000;
    private const int PodsPerService = 10;
    private const int Flips = 100;
    private const int Writers = 32;

    private static async Task SlicesAsync(BenchContext context, ClusterPki pki, int services, int flips, BenchReport report, CancellationToken cancellationToken)
    {
        await using var cluster = await Cluster.StartAsync(context, pki, "slices", cancellationToken).ConfigureAwait(false);
        var client = cluster.Client;
        var setup = Stopwatch.StartNew();
        await CreateServicesAndPodsAsync(client, services, cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine($"controllers: {services} services and {services * PodsPerService} pods created in {setup.Elapsed.TotalSeconds:F1}s");

        await using var watching = new SharedInformerFactory(client);
        var slices = watching.GetInformer<EndpointSlice>();
        var waiting = new ConcurrentDictionary<string, (bool Ready, TaskCompletionSource Seen)>(StringComparer.Ordinal);
        slices.AddEventHandler(new ResourceEventHandler<EndpointSlice>
        {
            Added = (slice, _) => Observe(slice, waiting),
            Updated = (_, slice) => Observe(slice, waiting),
        });
        watching.Start(cancellationToken);
        await watching.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);

        await using var manager = await ControllerManager.StartAsync(client, new ControllerManagerOptions(), NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        await WaitUntilAsync(() => Task.FromResult(slices.Cache.Count >= services), cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine($"controllers: {services} slices written {setup.Elapsed.TotalSeconds:F1}s after setup began");

        var latencies = new List<double>(flips);
        var random = new Random(42);
        var pods = client.Resource<Pod>();
        // Every pod starts ready: each round takes a random pod out of readiness and back, timing both flips.
        for (var i = 0; i < flips; i += 2)
        {
            var service = random.Next(services);
            var pod = random.Next(PodsPerService);
            foreach (var ready in new[] { false, true })
            {
                var ip = Ip(service, pod);
                var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting[ip] = (ready, seen);
                var started = Stopwatch.GetTimestamp();
                await pods.PatchStatusAsync("default", PodName(service, pod), PatchType.Merge, ReadyPatch(ip, ready), cancellationToken: cancellationToken).ConfigureAwait(false);
                await Seen(seen.Task, slices.Cache, ip).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                waiting.TryRemove(ip, out _);
            }
        }

        latencies.Sort();
        report.Figures["endpointslice_update_p99_ms"] = ApiServerScenario.Percentile(latencies, 0.99);
        report.Figures["endpointslice_update_p50_ms"] = ApiServerScenario.Percentile(latencies, 0.50);
        report.Notes["endpointslice_services"] = services.ToString(CultureInfo.InvariantCulture);
        report.Notes["endpointslice_pods"] = (services * PodsPerService).ToString(CultureInfo.InvariantCulture);
        report.Notes["endpointslice_flips"] = flips.ToString(CultureInfo.InvariantCulture);
        context.Log.WriteLine($"controllers: readiness flips reach the slice in p50 {latencies[latencies.Count / 2]:F1} ms, p99 {ApiServerScenario.Percentile(latencies, 0.99):F1} ms");
    }

    private static async Task Seen(Task seen, InformerCache<EndpointSlice> slices, string ip)
    {
        try
        {
            await seen.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var endpoint = slices.List().SelectMany(s => s.Endpoints ?? []).FirstOrDefault(e => e.Addresses?.Contains(ip) == true);
            throw new TimeoutException($"controllers bench: the slice never showed the flip of {ip}; its endpoint now: {(endpoint is null ? "none" : Api.Serialization.KubeJson.SerializeToString(endpoint))}");
        }
    }

    private static void Observe(EndpointSlice slice, ConcurrentDictionary<string, (bool Ready, TaskCompletionSource Seen)> waiting)
    {
        if (waiting.IsEmpty)
        {
            return;
        }

        foreach (var endpoint in slice.Endpoints ?? [])
        {
            if (endpoint.Addresses is [var ip, ..] && waiting.TryGetValue(ip, out var wanted) && endpoint.Conditions?.Ready == wanted.Ready)
            {
                wanted.Seen.TrySetResult();
            }
        }
    }

    private static async Task CreateServicesAndPodsAsync(KubeClient client, int services, CancellationToken cancellationToken)
    {
        var next = -1;
        var serviceClient = client.Resource<Service>();
        var podClient = client.Resource<Pod>();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var s = Interlocked.Increment(ref next); s < services; s = Interlocked.Increment(ref next))
            {
                await serviceClient.CreateAsync(new Service
                {
                    Metadata = new ObjectMeta { Name = $"svc-{s}", Namespace = "default" },
                    Spec = new ServiceSpec { Selector = new() { ["svc"] = s.ToString(CultureInfo.InvariantCulture) }, Ports = [new ServicePort { Port = 80, TargetPort = new IntOrString(8080) }] },
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
                for (var p = 0; p < PodsPerService; p++)
                {
                    await podClient.CreateAsync(new Pod
                    {
                        Metadata = new ObjectMeta { Name = PodName(s, p), Namespace = "default", Labels = new() { ["svc"] = s.ToString(CultureInfo.InvariantCulture) } },
                        Spec = new PodSpec { NodeName = $"node-{p}", Containers = [new Container { Name = "app", Image = "busybox:1.36" }] },
                    }, cancellationToken: cancellationToken).ConfigureAwait(false);
                    await podClient.PatchStatusAsync("default", PodName(s, p), PatchType.Merge, ReadyPatch(Ip(s, p), true), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }, cancellationToken))).ConfigureAwait(false);
    }

    private static string PodName(int service, int pod) => $"svc-{service}-{pod}";

    // 10.x.y.z from the service and pod index: unique for up to 10,000 services × 10 pods.
    private static string Ip(int service, int pod)
    {
        var n = (service * PodsPerService) + pod;
        return $"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}";
    }

    private static string ReadyPatch(string ip, bool ready) =>
        """{"status":{"phase":"Running","podIP":"ADDRESS","podIPs":[{"ip":"ADDRESS"}],"conditions":[{"type":"Ready","status":"READY"}]}}"""
            .Replace("ADDRESS", ip, StringComparison.Ordinal).Replace("READY", ready ? "True" : "False", StringComparison.Ordinal);
}
