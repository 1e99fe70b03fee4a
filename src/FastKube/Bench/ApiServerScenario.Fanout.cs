using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Storage;
using FastKube.Storage.Memory;

namespace FastKube.Bench;

internal sealed partial class ApiServerScenario
{
    private const int UpdatesPerSecond = 1_000;

    private const int PodsPerNode = 2;

    /// <summary>
    /// <c>watch_fanout_p99_ms</c>: MessagePack pod watchers over HTTP/2 as a cluster has them: one per
    /// node with <c>fieldSelector=spec.nodeName=X</c> (the node agents) and a few over all pods (scheduler,
    /// controllers). Pods are updated in the store at a fixed rate; each update's latency runs from the
    /// store acknowledging it to the frame being read and decoded by the last of its watchers (its node's
    /// agent and every all-pods watcher). <c>apiserver_rss_mb</c> is the process's peak working set during
    /// the run, which includes the bench's own client streams.
    /// </summary>
    private static async Task FanoutAsync(BenchContext context, ClusterPki pki, BenchReport report, CancellationToken cancellationToken)
    {
        var watchers = context.Quick ? 200 : 10_000;
        var allPods = context.Quick ? 2 : 10;
        var nodes = watchers - allPods;
        var duration = context.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(30);
        var updates = (int)(UpdatesPerSecond * duration.TotalSeconds);
        var pods = nodes * PodsPerNode;

        await using var store = new InMemoryStore();
        await PopulateAsync(store, pods, nodes, SmallPod, cancellationToken).ConfigureAwait(false);
        await using var host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, pki, store, cancellationToken).ConfigureAwait(false);
        using var client = Client(pki, host.Address);
        client.Timeout = Timeout.InfiniteTimeSpan;
        var baseRevision = store.CurrentRevision;
        var tracker = new DeliveryTracker(baseRevision, updates);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var opened = Stopwatch.StartNew();
        var streams = new Task[watchers];
        for (var start = 0; start < watchers; start += 500)
        {
            var batch = Enumerable.Range(start, Math.Min(500, watchers - start)).Select(async i =>
            {
                var selector = i < allPods ? "" : $"&fieldSelector=spec.nodeName%3D{NodeName(i - allPods)}";
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pods?watch=true&resourceVersion={baseRevision}{selector}") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(KubeMsgPack.ContentType));
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"watch {i} answered {(int)response.StatusCode}");
                }

                streams[i] = ReadWatchAsync(response, tracker, stop.Token);
            });
            await Task.WhenAll(batch).ConfigureAwait(false);
        }

        context.Log.WriteLine($"apiserver: {watchers} watchers open in {opened.Elapsed.TotalSeconds:F1}s");
        long peakRss = Environment.WorkingSet;
        using var sampling = new Timer(_ => Interlocked.Exchange(ref peakRss, Math.Max(Interlocked.Read(ref peakRss), Environment.WorkingSet)), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));

        await UpdateAtRateAsync(store, pods, nodes, updates, tracker, cancellationToken).ConfigureAwait(false);
        await tracker.WaitForDeliveriesAsync(1 + allPods, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(streams).ConfigureAwait(false);

        var (latencies, incomplete) = tracker.Latencies(1 + allPods);
        report.Figures["watch_fanout_p99_ms"] = Percentile(latencies, 0.99);
        report.Figures["watch_fanout_p50_ms"] = Percentile(latencies, 0.50);
        report.Figures["watch_fanout_max_ms"] = latencies.Count == 0 ? 0 : latencies[^1];
        report.Figures["apiserver_rss_mb"] = Interlocked.Read(ref peakRss) / (1024.0 * 1024.0);
        report.Notes["fanout_watchers"] = $"{watchers} ({nodes} spec.nodeName watchers, {allPods} all-pods watchers)";
        report.Notes["fanout_updates"] = $"{updates} pod updates at {UpdatesPerSecond}/s over {pods} pods; {incomplete} not delivered to every watcher; {tracker.EndedWatches} watches ended by the server";
        context.Log.WriteLine($"apiserver: fan-out p50 {report.Figures["watch_fanout_p50_ms"]:F1} ms, p99 {report.Figures["watch_fanout_p99_ms"]:F1} ms, {incomplete} incomplete");
    }

    // Paced by the clock: each step issues every update that is due, so a slow step does not lower the rate.
    private static async Task UpdateAtRateAsync(IStore store, int pods, int nodes, int updates, DeliveryTracker tracker, CancellationToken cancellationToken)
    {
        var pod = SmallPod();
        pod.Metadata!.Namespace = "default";
        pod.Metadata.ResourceVersion = null;
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < updates;)
        {
            var due = Math.Min(updates, (int)(clock.Elapsed.TotalSeconds * UpdatesPerSecond) + 1);
            for (; k < due; k++)
            {
                var index = k % pods;
                var written = await store.UpdateAsync(PodKey(index), PodBytes(pod, index, index % nodes, k + 1), 0, cancellationToken).ConfigureAwait(false);
                if (written.Status != StoreStatus.Ok)
                {
                    throw new InvalidOperationException($"updating pod {index}: {written.Status}");
                }

                tracker.Acknowledged(written.Revision, Stopwatch.GetTimestamp());
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    // Reads frames until the bench stops; records, per revision, when the frame arrived.
    private static async Task ReadWatchAsync(HttpResponseMessage response, DeliveryTracker tracker, CancellationToken cancellationToken)
    {
        using var _ = response;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[8 * 1024];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                var input = new ReadOnlySequence<byte>(buffer, 0, filled);
                while (WatchFrame.TryReadFrame(ref input, out var frame, out var error) is var status && status != WatchFrameStatus.NeedMoreData)
                {
                    if (status == WatchFrameStatus.Error)
                    {
                        throw new InvalidOperationException($"bad watch frame: {error}");
                    }

                    if (frame.EventType is not (WatchEventTypes.Added or WatchEventTypes.Modified))
                    {
                        // The server ended this watch (an ERROR event, e.g. it could not keep up): it receives nothing more.
                        tracker.Ended();
                        return;
                    }

                    var pod = KubeMsgPack.Deserialize<Pod>(frame.Object);
                    tracker.Delivered(long.Parse(pod.Metadata!.ResourceVersion!, CultureInfo.InvariantCulture), Stopwatch.GetTimestamp());
                }

                var consumed = filled - (int)input.Length;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
