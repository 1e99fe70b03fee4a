using FastKube.Api.Core;
using FastKube.Client;
using FastKube.Client.Events;
using FastKube.Cri;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Containers;
using FastKube.NodeAgent.Nodes;
using FastKube.NodeAgent.Pleg;
using FastKube.NodeAgent.Pods;
using FastKube.NodeAgent.Volumes;
using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Kubelet;

/// <summary>
/// Everything one node runs, whoever feeds it pods: registration, node status, the Lease, PLEG, the pod
/// workers and the periodic resync. <see cref="Kubelet"/> feeds it from its own field-selected informer;
/// <see cref="Simulated.HollowNodes"/> feeds many of them from one shared informer.
/// </summary>
internal sealed class NodeKubelet : IAsyncDisposable
{
    private readonly IContainerRuntime _runtime;
    private readonly KubeletConfiguration _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly NodeStatusManager _status;
    private readonly NodeLeaseRenewer _lease;
    private readonly GenericPleg _pleg;
    private readonly Func<string, string, Pod?> _lookup;
    private readonly Func<bool> _podsSynced;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public NodeKubelet(
        KubeClient client,
        IContainerRuntime runtime,
        KubeletConfiguration config,
        MachineInfo machine,
        Func<NodeConditions.Pressure> pressure,
        PodWorkerOptions options,
        Func<string, string, Pod?> lookup,
        Func<bool> podsSynced,
        TimeProvider time,
        ILogger logger)
    {
        _runtime = runtime;
        _config = config;
        _time = time;
        _logger = logger;
        _lookup = lookup;
        _podsSynced = podsSynced;
        NodeName = config.EffectiveNodeName;
        _status = new NodeStatusManager(client, runtime, config, machine, pressure, time, logger);
        _lease = new NodeLeaseRenewer(client, config, time, logger);
        _pleg = new GenericPleg(runtime, NodeName, time, logger);
        var capacity = machine.Capacity(config);
        var resources = new KubeClientPodResourceSource(client);
        Func<IReadOnlyDictionary<string, Api.Resource.Quantity>> allocatable = () => _status.Node?.Status?.Allocatable ?? capacity;
        var environment = new ContainerEnvironment(resources, machine.NodeIP, machine.MemoryBytes, allocatable);
        var events = new EventRecorder(client, "kubelet", time, logger);
        Volumes = new VolumeManager(resources, config.RootDirectory, options.WriteVolumes, machine.NodeIP, allocatable,
            (pod, message) => events.Record(pod, EventRecorder.Warning, VolumeManager.FailedMount, message), time, logger);
        Workers = new PodWorkers(runtime, new ApiPodWriter(client), config, options, environment, Volumes, time, logger);
    }

    public string NodeName { get; }

    public PodWorkers Workers { get; }

    public VolumeManager Volumes { get; }

    public Node? Node => _status.Node;

    /// <summary>Creates or adopts the Node and its Lease; returns once both are written.</summary>
    public async Task RegisterAsync(CancellationToken ct)
    {
        await _status.RegisterAsync(ct).ConfigureAwait(false);
        await _lease.RenewAsync(_status.Node!, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// At start, once the pod cache has synced: deletes the directories of pods that neither the API server
    /// (<paramref name="pods"/>) nor the runtime has; pods still in the runtime are torn down by their worker.
    /// </summary>
    public async Task RemoveOrphanedPodDirectoriesAsync(IEnumerable<Pod> pods, CancellationToken ct)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            keep.Add(pod.Metadata?.Uid ?? "");
        }

        foreach (var sandbox in await _runtime.ListPodSandboxAsync(null, ct).ConfigureAwait(false))
        {
            keep.Add(sandbox.Metadata?.Uid ?? "");
        }

        Volumes.RemoveOrphans(keep);
    }

    /// <summary>Starts node status, lease, PLEG and resync loops.</summary>
    public void Start()
    {
        var ct = _stopping.Token;
        _loops.Add(Task.Run(() => _status.RunAsync(ct), CancellationToken.None));
        _loops.Add(Task.Run(() => _lease.RunAsync(() => _status.Node, ct), CancellationToken.None));
        _loops.Add(Task.Run(() => _pleg.RunAsync(e => Workers.Trigger(e.PodUid), RemoveOrphans, ct), CancellationToken.None));
        _loops.Add(Task.Run(() => ResyncAsync(ct), CancellationToken.None));
    }

    public void OnPod(Pod pod)
    {
        if (pod.Spec?.NodeName == NodeName)
        {
            Workers.UpdatePod(pod);
        }
    }

    public void OnPodDeleted(Pod pod)
    {
        if (pod.Spec?.NodeName == NodeName)
        {
            Workers.RemovePod(pod);
        }
    }

    /// <summary>Stops the loops and workers; containers keep running (an agent restart adopts them).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loops end by cancellation.
        }

        await Workers.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>
    /// Sandboxes of pods the API server does not have (checked against the informer cache, not the workers,
    /// whose events may still be queued) are stopped and removed — only once the pod cache has synced.
    /// </summary>
    private void RemoveOrphans(GenericPleg pleg)
    {
        if (!_podsSynced())
        {
            return;
        }

        foreach (var (uid, (ns, name)) in pleg.Pods)
        {
            if (Workers.IsKnown(uid) || _lookup(ns, name) is { Metadata.Uid: var known } && known == uid)
            {
                continue;
            }

            KubeletLog.RemovingOrphan(_logger, ns, name, uid);
            Workers.CleanupOrphan(uid, name, ns);
        }
    }

    private async Task ResyncAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(_config.SyncFrequency, _time, ct).ConfigureAwait(false);
            Workers.TriggerAll();
        }
    }
}
