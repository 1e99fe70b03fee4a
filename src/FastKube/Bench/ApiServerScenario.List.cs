using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Storage;
using FastKube.Storage.Memory;

namespace FastKube.Bench;

internal sealed partial class ApiServerScenario
{
    // Timed lists after the first (the first also encodes every cached object once); the median is reported.
    private const int ListRuns = 3;

    /// <summary>
    /// <c>{name}_ms</c>: the store holds pods of <paramref name="template"/>'s shape, the API server primes
    /// its watch cache from it, and one client lists <c>GET /api/v1/pods?resourceVersion=0</c> as
    /// MessagePack over HTTP/2; the time runs from sending the request to the decoded PodList (median of
    /// three after a first list, reported as <c>{name}_first_ms</c>, that also encodes each object once).
    /// <c>{name}_transfer_ms</c> is the part until the last byte arrived.
    /// </summary>
    private static async Task ListAsync(BenchContext context, ClusterPki pki, BenchReport report, string name, Func<Pod> template, CancellationToken cancellationToken)
    {
        var pods = context.Quick ? 2_000 : 100_000;
        await using var store = new InMemoryStore();
        var bytes = await PopulateAsync(store, pods, nodes: 1_000, template, cancellationToken).ConfigureAwait(false);
        var primed = Stopwatch.StartNew();
        await using var host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, pki, store, cancellationToken).ConfigureAwait(false);
        report.Figures[$"{name}_prime_ms"] = primed.Elapsed.TotalMilliseconds;
        using var client = Client(pki, host.Address);

        var (first, _) = await TimedListAsync(client, pods, cancellationToken).ConfigureAwait(false);
        var runs = new List<(double Total, double Transfer)>();
        for (var i = 0; i < ListRuns; i++)
        {
            runs.Add(await TimedListAsync(client, pods, cancellationToken).ConfigureAwait(false));
        }

        runs.Sort();
        report.Figures[$"{name}_ms"] = runs[ListRuns / 2].Total;
        report.Figures[$"{name}_transfer_ms"] = runs[ListRuns / 2].Transfer;
        report.Figures[$"{name}_first_ms"] = first;
        report.Notes[name] = $"{pods} pods of {bytes / pods} bytes (stored MessagePack)";
        context.Log.WriteLine($"apiserver: {name}: {pods} pods, first {first:F0} ms, then {string.Join(" / ", runs.Select(r => r.Total.ToString("F0", CultureInfo.InvariantCulture)))} ms");
    }

    private static async Task<(double Total, double Transfer)> TimedListAsync(HttpClient client, int expected, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods?resourceVersion=0") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(KubeMsgPack.ContentType));
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"list answered {(int)response.StatusCode}");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var transfer = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var list = KubeMsgPack.Deserialize<PodList>(body);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (list.Items?.Count != expected)
        {
            throw new InvalidOperationException($"list returned {list.Items?.Count} pods, expected {expected}");
        }

        return (elapsed, transfer);
    }

    // The pod the creates phase makes, as the server stores it once scheduled: defaults applied, one container.
    private static Pod SmallPod()
    {
        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { CreationTimestamp = new DateTimeOffset(2024, 11, 5, 9, 14, 27, TimeSpan.Zero), Labels = new() { ["app"] = "bench" } },
            Spec = new PodSpec
            {
                Containers = [new Container { Name = "app", Image = "busybox:1.36", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("100m"), ["memory"] = Quantity.Parse("64Mi") } } }],
            },
        };
        Defaults.Apply(pod);
        return pod;
    }

    // A scheduled, running pod of a real Deployment (two containers, probes, volumes, full status).
    private static Pod LargePod() => SampleObjects.Pod();

    /// <summary>
    /// Writes <paramref name="count"/> pods shaped like <paramref name="template"/>, spread over
    /// <paramref name="nodes"/> nodes, straight into the store as the API server stores them; returns the bytes written.
    /// </summary>
    private static async Task<long> PopulateAsync(IStore store, int count, int nodes, Func<Pod> template, CancellationToken cancellationToken)
    {
        var pod = template();
        pod.Metadata!.Namespace = "default";
        pod.Metadata.ResourceVersion = null;
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var value = PodBytes(pod, i, i % nodes, generation: 0);
            bytes += value.Length;
            var created = await store.CreateAsync(PodKey(i), value, cancellationToken).ConfigureAwait(false);
            if (created.Status != StoreStatus.Ok)
            {
                throw new InvalidOperationException($"populating pod {i}: {created.Status}");
            }
        }

        return bytes;
    }

    private static string PodKey(int index) => $"/registry/core/pods/default/{PodName(index)}";

    private static string PodName(int index) => $"web-{index:D6}";

    private static string NodeName(int node) => $"node-{node:D5}";

    // The pod as MessagePack without resourceVersion (the store's form); the generation label makes each update a change.
    private static byte[] PodBytes(Pod pod, int index, int node, int generation)
    {
        pod.Metadata!.Name = PodName(index);
        pod.Metadata.Uid = $"00000000-0000-0000-0000-{index:D12}";
        pod.Metadata.Labels!["generation"] = generation.ToString(CultureInfo.InvariantCulture);
        pod.Spec!.NodeName = NodeName(node);
        return KubeMsgPack.Serialize(pod);
    }
}
