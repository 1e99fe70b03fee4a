using System.Collections.Concurrent;
using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.Cri.V1;
using FastKube.NodeAgent.Containers;
using Microsoft.Extensions.Logging;
using Container = FastKube.Api.Core.Container;

namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// The pod volumes of one node (upstream's volume manager, reduced to what the pod workers need): a pod's sync
/// calls <see cref="SetUpAsync"/> before its sandbox and containers start, which sets up every volume not yet
/// set up and, at most once per <see cref="RefreshPeriod"/>, rewrites configMap, secret, downwardAPI and
/// projected volumes whose content changed (through <see cref="AtomicWriter"/>). A volume that never came up
/// keeps the pod waiting (ContainerCreating) with a FailedMount event per attempt, retried with upstream's
/// backoff (500 ms doubling to 2m2s); a failed refresh of a volume that is up only records the event.
/// <see cref="TearDown"/> removes the pod's directory once the pod is gone.
/// Hollow nodes (<c>writeToDisk: false</c>) still read the ConfigMaps and Secrets (so a missing one blocks the
/// pod as on a real node) but write nothing, check no hostPath and never refresh.
/// Syncs of one pod never overlap (pod workers), so per-pod state needs no lock; pods set up in parallel.
/// </summary>
internal sealed partial class VolumeManager(
    IPodResourceSource resources,
    string rootDirectory,
    bool writeToDisk,
    string hostIP,
    Func<IReadOnlyDictionary<string, Quantity>> allocatable,
    Action<Pod, string> recordFailedMount,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Upstream's event reason for a volume that could not be set up.</summary>
    public const string FailedMount = "FailedMount";

    /// <summary>Upstream's exponential backoff for volume operations: initialDurationBeforeRetry and maxDurationBeforeRetry.</summary>
    private static readonly TimeSpan InitialRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(122);

    private readonly ConcurrentDictionary<string, PodState> _pods = new(StringComparer.Ordinal);

    /// <summary>
    /// How old a configMap/secret/downwardAPI/projected volume may get before a sync re-reads its sources; upstream
    /// refreshes on the pod's periodic sync (syncFrequency, 1 min), so a change shows within about that.
    /// </summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sets up the pod's volumes that are not up yet and refreshes the others when due.</summary>
    public async ValueTask<VolumeSetUp> SetUpAsync(Pod pod, CancellationToken ct)
    {
        var uid = pod.Metadata?.Uid ?? "";
        var state = _pods.GetOrAdd(uid, _ => new PodState());
        var now = time.GetUtcNow();
        var refresh = writeToDisk && now - state.LastRefresh >= RefreshPeriod;
        var errors = new List<string>();
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            var name = volume.Name ?? "";
            var isUp = state.Volumes.ContainsKey(name);
            if (isUp && !(refresh && IsProjection(volume)))
            {
                continue;
            }

            PodVolume? ready;
            string? error;
            try
            {
                (ready, error) = await SetUpOneAsync(pod, volume, firstSetUp: !isUp, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The API server unreachable, a disk error, a path in the way: upstream reports any SetUp error as FailedMount.
                (ready, error) = (null, e.Message);
            }
            if (error is not null)
            {
                var message = $"MountVolume.SetUp failed for volume \"{name}\" : {error}";
                VolumeLog.SetUpFailed(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, message);
                recordFailedMount(pod, message);
                if (!isUp)
                {
                    errors.Add(message);
                }

                continue;
            }

            state.Volumes[name] = ready!;
        }

        if (refresh)
        {
            state.LastRefresh = now;
        }

        if (errors.Count == 0)
        {
            state.Failures = 0;
            return new VolumeSetUp(state.Volumes, errors, TimeSpan.Zero);
        }

        state.Failures++;
        var retry = InitialRetry * Math.Pow(2, Math.Min(state.Failures - 1, 16));
        return new VolumeSetUp(state.Volumes, errors, retry < MaxRetry ? retry : MaxRetry);
    }

    /// <summary>
    /// The CRI mounts of <paramref name="container"/>; subPath directories missing in their volume are created
    /// (with the volume directory's mode, as upstream) and must resolve inside the volume.
    /// </summary>
    public (List<Mount> Mounts, string? Error) Mounts(Container container, IReadOnlyDictionary<string, PodVolume> volumes, IReadOnlyList<KeyValue> env)
    {
        var (mounts, subPaths, error) = VolumeMounts.Build(container, volumes, env);
        if (error is not null || !writeToDisk)
        {
            return (mounts, error);
        }

        foreach (var (volumePath, hostPath) in subPaths)
        {
            string? problem;
            try
            {
                problem = SubPaths.Prepare(volumePath, hostPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"failed to create subPath directory {hostPath}: {e.Message}";
            }

            if (problem is not null)
            {
                return (mounts, problem);
            }
        }

        return (mounts, null);
    }

    /// <summary>The pod is gone and its containers are stopped: unmount and delete its directory.</summary>
    public void TearDown(string podUid)
    {
        _pods.TryRemove(podUid, out _);
        if (!writeToDisk || podUid.Length == 0)
        {
            return;
        }

        foreach (var problem in PodDirectories.Remove(PodDirectories.Pod(rootDirectory, podUid)))
        {
            VolumeLog.TearDownProblem(logger, podUid, problem);
        }
    }

    /// <summary>At agent start: removes the directories of pods that are neither in the API nor in the runtime.</summary>
    public int RemoveOrphans(IReadOnlySet<string> keep)
    {
        var pods = PodDirectories.PodsRoot(rootDirectory);
        if (!writeToDisk || !Directory.Exists(pods))
        {
            return 0;
        }

        var removed = 0;
        foreach (var directory in Directory.EnumerateDirectories(pods))
        {
            var uid = Path.GetFileName(directory);
            if (keep.Contains(uid) || new DirectoryInfo(directory).LinkTarget is not null)
            {
                continue;
            }

            VolumeLog.RemovingOrphan(logger, uid);
            TearDown(uid);
            removed++;
        }

        return removed;
    }

    private static bool IsProjection(Volume volume) =>
        volume.ConfigMap is not null || volume.Secret is not null || volume.DownwardAPI is not null || volume.Projected is not null;

    private sealed class PodState
    {
        public Dictionary<string, PodVolume> Volumes { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastRefresh { get; set; } = DateTimeOffset.MinValue;

        public int Failures { get; set; }
    }
}
