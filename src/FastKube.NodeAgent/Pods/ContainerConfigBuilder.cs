using System.Globalization;
using System.Security.Cryptography;
using FastKube.Api.Serialization;
using FastKube.Cri.V1;
using Container = FastKube.Api.Core.Container;
using Pod = FastKube.Api.Core.Pod;

namespace FastKube.NodeAgent.Pods;

/// <summary>
/// The one place a pod's container becomes a CRI ContainerConfig (upstream kuberuntime
/// generateContainerConfig): image, command, args, workingDir, the env resolved by EnvBuilder, Linux
/// resources from ResourceMapper, labels, annotations (hash, restart count, grace period), log path,
/// tty/stdin, and the volume mounts (built from the pod's set-up volumes by Volumes/VolumeMounts).
/// </summary>
internal static class ContainerConfigBuilder
{
    public static ContainerConfig Build(Pod pod, Container container, int restartCount, string imageRef, IReadOnlyList<KeyValue> env, LinuxContainerResources resources, IReadOnlyList<Mount> mounts)
    {
        var meta = pod.Metadata!;
        var name = container.Name ?? "";
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = name, Attempt = (uint)restartCount },
            Image = new ImageSpec { Image = imageRef, UserSpecifiedImage = container.Image ?? "" },
            WorkingDir = container.WorkingDir ?? "",
            // containerd writes {sandbox log_directory}/{log_path}: /var/log/pods/{ns}_{name}_{uid}/{container}/{n}.log.
            LogPath = string.Create(CultureInfo.InvariantCulture, $"{name}/{restartCount}.log"),
            Tty = container.Tty ?? false,
            Stdin = container.Stdin ?? false,
            StdinOnce = container.StdinOnce ?? false,
            Linux = new LinuxContainerConfig { Resources = resources },
            Labels =
            {
                [KubeletLabels.PodName] = meta.Name ?? "",
                [KubeletLabels.PodNamespace] = meta.Namespace ?? "",
                [KubeletLabels.PodUid] = meta.Uid ?? "",
                [KubeletLabels.ContainerName] = name,
            },
            Annotations =
            {
                [KubeletLabels.ContainerHash] = Hash(container),
                [KubeletLabels.RestartCount] = restartCount.ToString(CultureInfo.InvariantCulture),
                [KubeletLabels.TerminationGracePeriod] = (pod.Spec?.TerminationGracePeriodSeconds ?? 30).ToString(CultureInfo.InvariantCulture),
            },
        };
        config.Command.AddRange(container.Command ?? []);
        config.Args.AddRange(container.Args ?? []);
        config.Envs.AddRange(env);
        config.Mounts.AddRange(mounts);

        return config;
    }

    /// <summary>A short hash of the container's spec; a running container whose hash differs from the pod's spec is restarted.</summary>
    public static string Hash(Container container)
    {
        var json = KubeJson.Serialize(container);
        return Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 4));
    }
}
