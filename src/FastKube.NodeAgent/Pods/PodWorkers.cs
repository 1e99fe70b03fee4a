using FastKube.Api.Core;
using FastKube.Api.Serialization;
using FastKube.Cri;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Kubelet;
using FastKube.NodeAgent.Status;
using FastKube.NodeAgent.Volumes;
using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Pods;

/// <summary>
/// One worker per pod UID, as upstream's podWorkers: updates for a pod are coalesced (the latest desired
/// state wins) and its syncs never overlap; different pods sync in parallel. A sync reads the pod's state
/// from the runtime, moves it one step towards the spec (sandbox, init containers in order, app
/// containers with restart backoff, or termination), then writes the status if it changed. Triggers: pod
/// updates from the API, PLEG events, a requeue after a backoff, the periodic resync.
/// </summary>
internal sealed partial class PodWorkers : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Worker> _workers = new(StringComparer.Ordinal);
    private readonly IContainerRuntime _runtime;
    private readonly IPodApi _api;
    private readonly KubeletConfiguration _config;
    private readonly PodWorkerOptions _options;
    private readonly ContainerEnvironment _environment;
    private readonly VolumeManager _volumes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RestartBackoff _backoff;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Task> _running = [];

    public PodWorkers(IContainerRuntime runtime, IPodApi api, KubeletConfiguration config, PodWorkerOptions options, ContainerEnvironment environment, VolumeManager volumes, TimeProvider time, ILogger logger)
    {
        _volumes = volumes;
        _environment = environment;
        _runtime = runtime;
        _api = api;
        _config = config;
        _options = options;
        _time = time;
        _logger = logger;
        _backoff = new RestartBackoff(time);
    }

    /// <summary>Readiness from probes; replaceable until the first sync (the probe manager plugs in here).</summary>
    public IContainerHealth Health { get; set; } = NoProbes.Instance;

    /// <summary>Syncs finished (successful or not) since start; tests wait on it.</summary>
    public int CompletedSyncs => Volatile.Read(ref _completedSyncs);

    private int _completedSyncs;

    /// <summary>Pods with a live worker.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _workers.Count;
            }
        }
    }

    /// <summary>The latest desired state of a pod bound here (informer add or update).</summary>
    public void UpdatePod(Pod pod)
    {
        var uid = pod.Metadata?.Uid;
        if (uid is null)
        {
            return;
        }

        lock (_lock)
        {
            var worker = WorkerFor(uid, pod);
            if (worker.Finished)
            {
                return;
            }

            worker.Pod = pod;
            Schedule(worker);
        }
    }

    /// <summary>The pod is gone from the API (deleted without us, or finalized): kill and remove what is left.</summary>
    public void RemovePod(Pod pod)
    {
        var uid = pod.Metadata?.Uid;
        if (uid is null)
        {
            return;
        }

        lock (_lock)
        {
            var worker = WorkerFor(uid, pod);
            worker.Removed = true;
            Schedule(worker);
        }
    }

    /// <summary>Something changed in the runtime for this pod (PLEG), or its backoff ran out: sync it again.</summary>
    public void Trigger(string uid)
    {
        lock (_lock)
        {
            if (_workers.TryGetValue(uid, out var worker))
            {
                Schedule(worker);
            }
        }
    }

    /// <summary>Syncs every pod (upstream's periodic resync, syncFrequency).</summary>
    public void TriggerAll()
    {
        lock (_lock)
        {
            foreach (var worker in _workers.Values)
            {
                Schedule(worker);
            }
        }
    }

    public bool IsKnown(string uid)
    {
        lock (_lock)
        {
            return _workers.ContainsKey(uid);
        }
    }

    /// <summary>
    /// Sandboxes in the runtime for a pod the API does not have (deleted while the agent was down): stop and
    /// remove them. Called by PLEG only after the pod informer has synced.
    /// </summary>
    public void CleanupOrphan(string uid, string name, string ns)
    {
        RemovePod(new Pod { Metadata = new Api.Meta.ObjectMeta { Uid = uid, Name = name, Namespace = ns } });
    }

    /// <summary>
    /// Kills a running container (a failed liveness probe); the pod's restart policy and backoff then decide
    /// when it runs again, as upstream. Completes once the kill is queued, not when the container is back.
    /// </summary>
    public ValueTask RestartContainerAsync(string podUid, string containerName, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (_workers.TryGetValue(podUid, out var worker))
            {
                worker.KillRequests.Add(containerName);
                Schedule(worker);
            }
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
            foreach (var worker in _workers.Values)
            {
                worker.Requeue?.Dispose();
            }
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: syncs in flight end at their next await.
        }

        _stopping.Dispose();
    }

    /// <summary>The pod's worker, created on first sight (caller holds the lock).</summary>
    private Worker WorkerFor(string uid, Pod pod)
    {
        if (!_workers.TryGetValue(uid, out var worker))
        {
            worker = new Worker(uid, pod);
            _workers[uid] = worker;
        }

        return worker;
    }

    /// <summary>Marks the worker dirty and starts its loop unless one is running (caller holds the lock).</summary>
    private void Schedule(Worker worker)
    {
        worker.Pending = true;
        if (worker.Running || _stopping.IsCancellationRequested)
        {
            return;
        }

        worker.Running = true;
        var task = Task.Run(() => RunAsync(worker));
        _running.Add(task);
        _ = task.ContinueWith(
            t =>
            {
                lock (_lock)
                {
                    _running.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunAsync(Worker worker)
    {
        var ct = _stopping.Token;
        while (true)
        {
            lock (_lock)
            {
                if (!worker.Pending || ct.IsCancellationRequested)
                {
                    worker.Running = false;
                    return;
                }

                worker.Pending = false;
            }

            TimeSpan? requeue;
            try
            {
                requeue = await SyncAsync(worker, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                lock (_lock)
                {
                    worker.Running = false;
                }

                return;
            }
            catch (Exception e)
            {
                // Upstream requeues a failed sync after a short backoff; the runtime or API may be back by then.
                KubeletLog.SyncFailed(_logger, e, worker.Uid);
                requeue = TimeSpan.FromSeconds(1);
            }

            Interlocked.Increment(ref _completedSyncs);
            lock (_lock)
            {
                if (worker.Finished)
                {
                    _workers.Remove(worker.Uid);
                    _backoff.ForgetPod(worker.Uid);
                    worker.Requeue?.Dispose();
                    worker.Running = false;
                    return;
                }

                if (requeue is { } delay)
                {
                    worker.Requeue?.Dispose();
                    worker.Requeue = _time.CreateTimer(_ => Trigger(worker.Uid), null, delay, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    /// <summary>Serialized status JSON, to write only changes.</summary>
    private static string StatusKey(PodStatus? status) => status is null ? "" : KubeJson.SerializeToString(status);

    private sealed class Worker(string uid, Pod pod)
    {
        public string Uid { get; } = uid;

        public Pod Pod { get; set; } = pod;

        public bool Pending { get; set; }

        public bool Running { get; set; }

        public bool Removed { get; set; }

        public bool Finished { get; set; }

        public ITimer? Requeue { get; set; }

        public HashSet<string> KillRequests { get; } = new(StringComparer.Ordinal);

        /// <summary>The status this agent last wrote (the informer's copy may lag behind it).</summary>
        public PodStatus? LastStatus { get; set; }

        public string LastStatusKey { get; set; } = "";
    }
}
