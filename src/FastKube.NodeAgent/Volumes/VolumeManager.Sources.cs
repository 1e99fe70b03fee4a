using System.Globalization;
using System.Runtime.InteropServices;
using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.Cri.Containerd;
using FastKube.NodeAgent.Containers;

namespace FastKube.NodeAgent.Volumes;

internal sealed partial class VolumeManager
{
    /// <summary>emptyDir directories are world-writable (0777) as upstream makes them, so any container user can write.</summary>
    private const UnixFileMode EmptyDirMode = (UnixFileMode)0x1FF;

    /// <summary>Directories of read-only volumes: readable and traversable by any container user (0755).</summary>
    private const UnixFileMode ProjectionDirMode = (UnixFileMode)0x1ED;

    /// <summary>
    /// Sets up (or refreshes) one volume: where it is, or why it could not be set up. On the first set-up in this
    /// process a memory-backed volume whose directory exists but has no tmpfs (the node rebooted) gets it back.
    /// </summary>
    private async ValueTask<(PodVolume? Volume, string? Error)> SetUpOneAsync(Pod pod, Volume volume, bool firstSetUp, CancellationToken ct)
    {
        var uid = pod.Metadata?.Uid ?? "";
        var ns = pod.Metadata?.Namespace ?? "";
        var name = volume.Name ?? "";
        if (volume.HostPath is { } hostPath)
        {
            var path = hostPath.Path ?? "";
            return (new PodVolume(path, false), writeToDisk ? HostPathCheck.Check(path, hostPath.Type) : null);
        }

        if (volume.EmptyDir is { } emptyDir)
        {
            var dir = PodDirectories.Volume(rootDirectory, uid, PodDirectories.EmptyDir, name);
            return (new PodVolume(dir, false), writeToDisk ? SetUpEmptyDir(pod, dir, emptyDir) : null);
        }

        var payload = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        string plugin;
        string? error;
        var memoryBacked = false;
        if (volume.ConfigMap is { } configMap)
        {
            plugin = PodDirectories.ConfigMap;
            error = await ConfigMapFilesAsync(ns, configMap.Name, configMap.Items, configMap.DefaultMode, configMap.Optional == true, payload, ct).ConfigureAwait(false);
        }
        else if (volume.Secret is { } secret)
        {
            // Upstream keeps secret volumes on tmpfs so their content never reaches the node's disk.
            plugin = PodDirectories.Secret;
            memoryBacked = true;
            error = await SecretFilesAsync(ns, secret.SecretName, secret.Items, secret.DefaultMode, secret.Optional == true, payload, ct).ConfigureAwait(false);
        }
        else if (volume.DownwardAPI is { } downward)
        {
            plugin = PodDirectories.DownwardApi;
            error = VolumePayloads.DownwardApi(downward.Items, downward.DefaultMode, pod, DownwardContext(), payload);
        }
        else if (volume.Projected is { } projected)
        {
            plugin = PodDirectories.Projected;
            memoryBacked = true;
            error = await ProjectAsync(pod, projected, payload, ct).ConfigureAwait(false);
        }
        else
        {
            return (null, $"volume source not supported by this node agent ({SourceName(volume)})");
        }

        var target = PodDirectories.Volume(rootDirectory, uid, plugin, name);
        if (error is not null || !writeToDisk)
        {
            return (new PodVolume(target, true), error);
        }

        if (!Directory.Exists(target))
        {
            EnsureDirectory(uid, target, ProjectionDirMode);
        }

        if (memoryBacked && firstSetUp && !IsMountPoint(target))
        {
            MountTmpfs(target, null);
        }

        var (changed, writeError) = AtomicWriter.Write(target, payload, time.GetUtcNow());
        if (changed)
        {
            VolumeLog.Written(logger, ns, pod.Metadata?.Name, name);
        }

        return (new PodVolume(target, true), writeError);
    }

    /// <summary>Upstream's projected collectData: every source is tried and the failures are aggregated.</summary>
    private async ValueTask<string?> ProjectAsync(Pod pod, ProjectedVolumeSource projected, Dictionary<string, FileProjection> payload, CancellationToken ct)
    {
        var ns = pod.Metadata?.Namespace ?? "";
        var errors = new List<string>();
        foreach (var source in projected.Sources ?? [])
        {
            string? error = null;
            if (source.ConfigMap is { } configMap)
            {
                error = await ConfigMapFilesAsync(ns, configMap.Name, configMap.Items, projected.DefaultMode, configMap.Optional == true, payload, ct).ConfigureAwait(false);
            }
            else if (source.Secret is { } secret)
            {
                error = await SecretFilesAsync(ns, secret.Name, secret.Items, projected.DefaultMode, secret.Optional == true, payload, ct).ConfigureAwait(false);
            }
            else if (source.DownwardAPI is { } downward)
            {
                error = VolumePayloads.DownwardApi(downward.Items, projected.DefaultMode, pod, DownwardContext(), payload);
            }
            else if (source.ServiceAccountToken is not null)
            {
                // FastKube's API server has no TokenRequest (serviceaccounts/token), so there is no token to write.
                error = "failed to fetch token: serviceAccountToken projections are not supported (the API server serves no TokenRequest)";
            }

            if (error is not null)
            {
                errors.Add(error);
            }
        }

        return VolumePayloads.Aggregate(errors);
    }

    /// <summary>Reads the ConfigMap and adds its files; a missing one fails unless optional (upstream's "configmap \"x\" not found").</summary>
    private async ValueTask<string?> ConfigMapFilesAsync(string ns, string? name, List<KeyToPath>? items, int? defaultMode, bool optional, Dictionary<string, FileProjection> payload, CancellationToken ct)
    {
        var found = await resources.GetConfigMapAsync(ns, name ?? "", ct).ConfigureAwait(false);
        return found is null && !optional ? $"configmap \"{name}\" not found" : VolumePayloads.ConfigMap(items, found, defaultMode, optional, payload);
    }

    /// <summary>Reads the Secret and adds its files; a missing one fails unless optional (upstream's "secret \"x\" not found").</summary>
    private async ValueTask<string?> SecretFilesAsync(string ns, string? name, List<KeyToPath>? items, int? defaultMode, bool optional, Dictionary<string, FileProjection> payload, CancellationToken ct)
    {
        var found = await resources.GetSecretAsync(ns, name ?? "", ct).ConfigureAwait(false);
        return found is null && !optional ? $"secret \"{name}\" not found" : VolumePayloads.Secret(items, found, defaultMode, optional, payload);
    }

    /// <summary>A directory (medium "") or, with medium Memory, a tmpfs (see <see cref="MemoryVolumeSize"/>); not root → a directory and a warning.</summary>
    private string? SetUpEmptyDir(Pod pod, string dir, EmptyDirVolumeSource source)
    {
        var medium = source.Medium ?? "";
        if (medium is not ("" or "Memory"))
        {
            return $"emptyDir medium {medium} is not supported by this node agent";
        }

        if (!Directory.Exists(dir))
        {
            EnsureDirectory(pod.Metadata?.Uid ?? "", dir, EmptyDirMode);
        }

        if (medium == "Memory" && !IsMountPoint(dir))
        {
            var size = MemoryVolumeSize(pod, source, allocatable());
            MountTmpfs(dir, size > 0 ? "size=" + size.ToString(CultureInfo.InvariantCulture) : null);
            // A fresh tmpfs root is 1777; upstream's emptyDir is 0777 either way.
            new DirectoryInfo(dir).UnixFileMode = EmptyDirMode;
        }

        return null;
    }

    /// <summary>
    /// Mounts a tmpfs on <paramref name="dir"/>. Without CAP_SYS_ADMIN (not root) the volume stays an ordinary
    /// directory on the node's disk, with a warning: the pod still runs, its data is just not memory-backed.
    /// </summary>
    private void MountTmpfs(string dir, string? options)
    {
        if (LibC.Mount("tmpfs", dir, "tmpfs", 0, options) != 0)
        {
            VolumeLog.TmpfsFailed(logger, dir, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Creates a volume directory; the pods directory and the pod's own are 0750 (root only) as upstream's.</summary>
    private void EnsureDirectory(string podUid, string dir, UnixFileMode mode)
    {
        foreach (var restricted in (ReadOnlySpan<string>)[PodDirectories.PodsRoot(rootDirectory), PodDirectories.Pod(rootDirectory, podUid)])
        {
            if (!Directory.Exists(restricted))
            {
                Directory.CreateDirectory(restricted).UnixFileMode = PodDirectories.PodsDirectoryMode;
            }
        }

        Directory.CreateDirectory(dir).UnixFileMode = mode;
    }

    /// <summary>
    /// Upstream's calculateEmptyDirMemorySize (SizeMemoryBackedVolumes): the node's allocatable memory, lowered to
    /// the pod's memory limit (app containers summed, at least the largest init container's) and then to the
    /// volume's sizeLimit, whichever are set and smaller; 0 when nothing is known (the kernel's default, half of RAM).
    /// </summary>
    public static long MemoryVolumeSize(Pod pod, EmptyDirVolumeSource source, IReadOnlyDictionary<string, Quantity> allocatable)
    {
        var size = allocatable.TryGetValue("memory", out var memory) ? memory.Value() : 0;
        long podLimit = 0;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            podLimit += MemoryLimit(container);
        }

        foreach (var init in pod.Spec?.InitContainers ?? [])
        {
            podLimit = Math.Max(podLimit, MemoryLimit(init));
        }

        foreach (var bound in (ReadOnlySpan<long>)[podLimit, source.SizeLimit?.Value() ?? 0])
        {
            if (bound > 0 && (size == 0 || bound < size))
            {
                size = bound;
            }
        }

        return size;
    }

    private static long MemoryLimit(Container container) =>
        container.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var limit) ? limit.Value() : 0;

    private static bool IsMountPoint(string dir) => MountInfo.MountPointsUnder(dir).Contains(dir.TrimEnd('/'));

    private DownwardApiContext DownwardContext() => new([], [hostIP], allocatable());

    private static string SourceName(Volume volume) =>
        volume.Nfs is not null ? "nfs"
        : volume.PersistentVolumeClaim is not null ? "persistentVolumeClaim"
        : volume.Csi is not null ? "csi"
        : "unknown";
}
