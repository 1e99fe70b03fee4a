using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using FastKube.Api.Core;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Storage.Memory;

namespace FastKube.Bench;

/// <summary>
/// Issue 4's informer figures: an in-process API server (memory store) holding 100,000 realistic pods (the codec
/// sample pod: labels, annotations, owner reference, two containers with probes and resources, full status), one
/// pod informer listing them through the client (pages of 500, content negotiated: MessagePack when the server
/// offers it for lists, else JSON) and then watching. Memory is what the informer keeps after a full compacting
/// GC, as managed heap and process working-set growth over a baseline taken after an identical list whose
/// result was dropped, scaled to 100,000 pods.
/// </summary>
internal sealed class InformerScenario : IBenchScenario
{
    private const int Writers = 64;

    public string Name => "informer";

    public string Description => "a pod informer listing 100,000 realistic pods from an in-process API server: list time and cache memory";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pods = context.Quick ? 2_000 : 100_000;
        var report = new BenchReport();
        report.Notes["pods"] = pods.ToString(CultureInfo.InvariantCulture);
        report.Notes["list_page_size"] = InformerOptions.Default.ListPageSize.ToString(CultureInfo.InvariantCulture);

        using var pki = ClusterPki.LoadOrCreate(Path.Combine(context.WorkDirectory, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        await using var store = new InMemoryStore();
        await using var host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, pki, store, cancellationToken).ConfigureAwait(false);
        var kubeconfig = Path.Combine(context.WorkDirectory, "kubeconfig");
        Kubeconfig.Write(kubeconfig, host.Address, pki.CaCertificate, pki.AdminCertificate);
        using var client = KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = 0 });

        var created = Stopwatch.StartNew();
        await CreatePodsAsync(client, pods, cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine($"informer: {pods} pods created in {created.Elapsed.TotalSeconds:F1}s");
        report.Notes["list_content_type"] = await ListContentTypeAsync(client.Configuration, cancellationToken).ConfigureAwait(false);

        // An identical list whose result is dropped first: buffers and pools the list path keeps (HTTP/2, Kestrel,
        // ArrayPool) and JIT state are then in the baseline, and the growth after it is the cache itself.
        await ListEverythingAsync(client, cancellationToken).ConfigureAwait(false);
        var (heapBefore, workingSetBefore) = Measure();
        var (listed, cached, heapWith, workingSetWith) = await RunInformerAsync(client, cancellationToken).ConfigureAwait(false);

        var scale = 100_000.0 / pods / (1024 * 1024);
        report.Figures["informer_list_100k_ms"] = listed.TotalMilliseconds * 100_000 / pods;
        report.Figures["informer_heap_mb_per_100k_pods"] = Math.Max(0, heapWith - heapBefore) * scale;
        report.Figures["informer_rss_mb_per_100k_pods"] = Math.Max(0, workingSetWith - workingSetBefore) * scale;
        report.Figures["informer_heap_bytes_per_pod"] = Math.Max(0, heapWith - heapBefore) / (double)pods;
        report.Notes["cached_pods"] = cached.ToString(CultureInfo.InvariantCulture);
        report.Notes["measured_list_ms"] = listed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        context.Log.WriteLine($"informer: listed {cached} pods in {listed.TotalMilliseconds:F0} ms; heap grew {(heapWith - heapBefore) / (1024.0 * 1024):F1} MiB");
        return report;
    }

    private static async Task<(TimeSpan Listed, int Cached, long Heap, long WorkingSet)> RunInformerAsync(KubeClient client, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informer = new SharedInformer<Pod>(client.Resource<Pod>());
        var clock = Stopwatch.StartNew();
        var running = informer.RunAsync(stop.Token);
        await informer.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
        var listed = clock.Elapsed;
        var (heap, workingSet) = Measure();
        var cached = informer.Cache.Count;
        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        return (listed, cached, heap, workingSet);
    }

    private static async Task ListEverythingAsync(KubeClient client, CancellationToken cancellationToken)
    {
        string? next = null;
        do
        {
            var page = await client.Resource<Pod>().ListAsync(null, new ListOptions { Limit = InformerOptions.Default.ListPageSize, Continue = next }, cancellationToken).ConfigureAwait(false);
            next = page.Continue;
        }
        while (next is not null);
    }

    private static async Task CreatePodsAsync(KubeClient client, int count, CancellationToken cancellationToken)
    {
        var next = -1;
        var resource = client.Resource<Pod>();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await resource.CreateAsync(Realistic(i), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken))).ConfigureAwait(false);
    }

    // The codec sample pod, made distinct per index as a 1,000-ReplicaSet, 100-node cluster's pods would be.
    private static Pod Realistic(int i)
    {
        var pod = SampleObjects.Pod();
        var set = (i / 100).ToString("x8", CultureInfo.InvariantCulture);
        var meta = pod.Metadata!;
        meta.Name = $"web-{set}-{i:x6}";
        meta.Namespace = "default";
        meta.Uid = null;
        meta.ResourceVersion = null;
        meta.CreationTimestamp = null;
        meta.Labels!["pod-template-hash"] = set;
        foreach (var owner in meta.OwnerReferences ?? [])
        {
            owner.Name = $"web-{set}";
            owner.Uid = $"00000000-0000-4000-8000-{set}0000";
        }

        pod.Spec!.NodeName = $"node-{i % 100:D3}";
        return pod;
    }

    // The encoding the server chose for a list when the client offers MessagePack first, as KubeClient does.
    private static async Task<string> ListContentTypeAsync(Client.Configuration.KubeClientConfiguration configuration, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [configuration.ClientCertificate!];
        handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        using var http = new HttpClient(handler) { BaseAddress = configuration.Server };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/pods?limit=1");
        request.Headers.Accept.ParseAdd(Api.Serialization.KubeMsgPack.ContentType);
        request.Headers.Accept.ParseAdd("application/json; q=0.9");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.Content.Headers.ContentType?.MediaType ?? "none";
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }
}
