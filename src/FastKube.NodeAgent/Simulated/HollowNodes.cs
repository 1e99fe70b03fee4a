using System.Globalization;
using FastKube.Api.Core;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Kubelet;
using FastKube.NodeAgent.Nodes;
using FastKube.NodeAgent.Pods;
using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Simulated;

/// <summary>
/// N kubelets in one process, each on its own <see cref="SimulatedRuntime"/> with its own Node, Lease, node
/// status and pod workers (like kubemark's hollow nodes or KWOK), for density and benchmark runs. They share
/// one client and ONE pod informer: a field selector names one node, so the informer watches all pods,
/// indexed by spec.nodeName, and hands each pod to its node's kubelet.
/// </summary>
public sealed class HollowNodes : IAsyncDisposable
{
    private readonly SharedInformerFactory _informers;
    private readonly Dictionary<string, NodeKubelet> _nodes;
    private readonly Dictionary<string, SimulatedRuntime> _runtimes;

    private HollowNodes(SharedInformerFactory informers, Dictionary<string, NodeKubelet> nodes, Dictionary<string, SimulatedRuntime> runtimes)
    {
        _informers = informers;
        _nodes = nodes;
        _runtimes = runtimes;
    }

    /// <summary>The node names, "{namePrefix}{i}" for i from 0.</summary>
    public IReadOnlyCollection<string> NodeNames => _nodes.Keys;

    /// <summary>The simulated runtime of one node (tests script exits there).</summary>
    public SimulatedRuntime RuntimeOf(string nodeName) => _runtimes[nodeName];

    /// <summary>Registers <paramref name="count"/> nodes named "{namePrefix}{i}" (each from <paramref name="template"/> with its name) and starts them.</summary>
    public static async Task<HollowNodes> StartAsync(
        KubeClient client,
        int count,
        string namePrefix,
        SimulatedRuntimeOptions runtimeOptions,
        KubeletConfiguration template,
        ILoggerFactory logs,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(runtimeOptions);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var time = runtimeOptions.TimeProvider;
        var logger = logs.CreateLogger("FastKube.NodeAgent.Hollow");
        var informers = new SharedInformerFactory(client, new InformerOptions { TimeProvider = time, LoggerFactory = logs });
        var pods = informers.GetInformer<Pod>();
        pods.AddIndexer(Indexers.NodeName, Indexers.ByNodeName);
        var nodes = new Dictionary<string, NodeKubelet>(StringComparer.Ordinal);
        var runtimes = new Dictionary<string, SimulatedRuntime>(StringComparer.Ordinal);
        var hollow = new HollowNodes(informers, nodes, runtimes);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var name = namePrefix + i.ToString(CultureInfo.InvariantCulture);
                var config = template with { NodeName = name };
                var runtime = new SimulatedRuntime(runtimeOptions);
                runtimes[name] = runtime;
                var node = new NodeKubelet(client, runtime, config, MachineInfo.Hollow(config), () => default,
                    new PodWorkerOptions("simulated", MachineInfo.Hollow(config).NodeIP, CreateLogDirectories: false),
                    (ns, podName) => pods.Cache.Get(ns, podName), () => pods.HasSynced, time, logger);
                nodes[name] = node;
            }

            // Registration in parallel batches: 1,000 nodes one by one would take minutes of round trips.
            await Parallel.ForEachAsync(nodes.Values, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
                async (node, token) => await node.RegisterAsync(token).ConfigureAwait(false)).ConfigureAwait(false);
            pods.AddEventHandler(new ResourceEventHandler<Pod>
            {
                Added = (pod, _) => Dispatch(nodes, pod)?.OnPod(pod),
                Updated = (_, pod) => Dispatch(nodes, pod)?.OnPod(pod),
                Deleted = (pod, _) => Dispatch(nodes, pod)?.OnPodDeleted(pod),
            });
            informers.Start(CancellationToken.None);
            await informers.WaitForCacheSyncAsync(ct).ConfigureAwait(false);
            foreach (var node in nodes.Values)
            {
                node.Start();
            }

            return hollow;
        }
        catch
        {
            await hollow.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _informers.DisposeAsync().ConfigureAwait(false);
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var runtime in _runtimes.Values)
        {
            runtime.Dispose();
        }
    }

    private static NodeKubelet? Dispatch(Dictionary<string, NodeKubelet> nodes, Pod pod) =>
        pod.Spec?.NodeName is { } node && nodes.TryGetValue(node, out var kubelet) ? kubelet : null;
}
