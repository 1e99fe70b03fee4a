using FastKube.Api.Core;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Cri;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Nodes;
using FastKube.NodeAgent.Pods;
using FastKube.NodeAgent.Simulated;
using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Kubelet;

/// <summary>
/// The node agent's kubelet loop for one node: registers the Node, renews its Lease, reports node status,
/// watches the pods bound to the node (field selector spec.nodeName) and runs them through the container
/// runtime, writing their status back. Disposing stops the loops but leaves every container running, so a
/// restarted agent adopts them. Hosted by <c>fastkube agent</c> and <c>fastkube up</c>.
/// </summary>
public sealed class Kubelet : IAsyncDisposable
{
    private readonly SharedInformerFactory _informers;
    private readonly NodeKubelet _node;

    private Kubelet(SharedInformerFactory informers, NodeKubelet node)
    {
        _informers = informers;
        _node = node;
    }

    public string NodeName => _node.NodeName;

    /// <summary>Readiness results from probes (the probe manager plugs in here); without it running containers are ready.</summary>
    public IContainerHealth Health
    {
        get => _node.Workers.Health;
        set => _node.Workers.Health = value;
    }

    /// <summary>The pod workers: <see cref="PodWorkers.RestartContainerAsync"/> is where liveness failures go.</summary>
    internal PodWorkers Pods => _node.Workers;

    /// <summary>The node's volume manager (tests shorten its refresh period).</summary>
    internal Volumes.VolumeManager Volumes => _node.Volumes;

    /// <summary>
    /// Validates <paramref name="config"/>, registers the node (creating or adopting the Node and its Lease) and
    /// starts node status, lease, PLEG and pod workers; returns once the node is registered and the pod cache
    /// has synced.
    /// </summary>
    public static async Task<Kubelet> StartAsync(KubeClient client, IContainerRuntime runtime, KubeletConfiguration config, ILoggerFactory logs, TimeProvider? time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logs);
        if (KubeletConfigurationLoader.Validate(config) is { Count: > 0 } errors)
        {
            throw new ArgumentException("invalid KubeletConfiguration: " + string.Join("; ", errors), nameof(config));
        }

        time ??= TimeProvider.System;
        var logger = logs.CreateLogger("FastKube.NodeAgent.Kubelet");
        var version = await runtime.VersionAsync(ct).ConfigureAwait(false);
        var simulated = runtime is SimulatedRuntime;
        var machine = simulated ? MachineInfo.Hollow(config) : MachineInfo.Detect(config);
        Func<NodeConditions.Pressure> pressure = simulated ? () => default : () => PressureSignals.Measure(config, machine.MemoryBytes);
        var options = new PodWorkerOptions(version.RuntimeName, machine.NodeIP, CreateLogDirectories: !simulated) { WriteVolumes = !simulated };

        var informers = new SharedInformerFactory(client, new InformerOptions
        {
            FieldSelector = "spec.nodeName=" + config.EffectiveNodeName,
            TimeProvider = time,
            LoggerFactory = logs,
        });
        var pods = informers.GetInformer<Pod>();
        var node = new NodeKubelet(client, runtime, config, machine, pressure, options, (ns, name) => pods.Cache.Get(ns, name), () => pods.HasSynced, time, logger);
        var kubelet = new Kubelet(informers, node);
        try
        {
            await node.RegisterAsync(ct).ConfigureAwait(false);
            pods.AddEventHandler(new ResourceEventHandler<Pod>
            {
                Added = (pod, _) => node.OnPod(pod),
                Updated = (_, pod) => node.OnPod(pod),
                Deleted = (pod, _) => node.OnPodDeleted(pod),
            });
            informers.Start(CancellationToken.None);
            await informers.WaitForCacheSyncAsync(ct).ConfigureAwait(false);
            await node.RemoveOrphanedPodDirectoriesAsync(pods.Cache.List(), ct).ConfigureAwait(false);
            node.Start();
            return kubelet;
        }
        catch
        {
            await kubelet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops every loop; containers keep running.</summary>
    public async ValueTask DisposeAsync()
    {
        await _informers.DisposeAsync().ConfigureAwait(false);
        await _node.DisposeAsync().ConfigureAwait(false);
    }
}
