using FastKube.Cri.V1;
using FastKube.NodeAgent.Containers;
using Container = FastKube.Api.Core.Container;

namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// A container's volumeMounts as CRI mounts (upstream makeMounts): the volume's host path, joined with the
/// subPath (or the subPathExpr expanded against the container's env), readOnly when the mount or the volume
/// says so, and the propagation mode. Pure: it touches no disk; errors carry upstream's messages and surface as
/// CreateContainerConfigError.
/// </summary>
internal static class VolumeMounts
{
    /// <summary>The mounts, and for each mount with a subPath the (volume path, host path) pair to prepare; or an error.</summary>
    public static (List<Mount> Mounts, List<(string VolumePath, string HostPath)> SubPaths, string? Error) Build(
        Container container, IReadOnlyDictionary<string, PodVolume> volumes, IReadOnlyList<KeyValue> env)
    {
        var mounts = new List<Mount>();
        var subPaths = new List<(string, string)>();
        var name = container.Name ?? "";
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volumeName = mount.Name ?? "";
            if (!volumes.TryGetValue(volumeName, out var volume))
            {
                return (mounts, subPaths, $"cannot find volume \"{volumeName}\" to mount into container \"{name}\"");
            }

            var hostPath = volume.HostPath;
            var subPath = mount.SubPath ?? "";
            if (!string.IsNullOrEmpty(mount.SubPathExpr))
            {
                var expanded = ExpandSubPath(mount.SubPathExpr, env, out var missing);
                if (missing is not null)
                {
                    return (mounts, subPaths, missing);
                }

                subPath = expanded;
            }

            if (subPath.Length > 0)
            {
                if (subPath.StartsWith('/'))
                {
                    return (mounts, subPaths, $"error SubPath `{subPath}` must not be an absolute path");
                }

                if (subPath.Split('/').Contains(".."))
                {
                    return (mounts, subPaths, $"unable to provision SubPath `{subPath}`: must not contain '..'");
                }

                var volumePath = hostPath;
                hostPath = Path.Combine(volumePath, subPath);
                subPaths.Add((volumePath, hostPath));
            }

            if (!TryPropagation(mount.MountPropagation, out var propagation))
            {
                return (mounts, subPaths, $"invalid MountPropagation mode: \"{mount.MountPropagation}\"");
            }

            mounts.Add(new Mount
            {
                ContainerPath = mount.MountPath ?? "",
                HostPath = hostPath,
                Readonly = mount.ReadOnly == true || volume.ReadOnly,
                Propagation = propagation,
            });
        }

        return (mounts, subPaths, null);
    }

    /// <summary>Upstream's translateMountPropagation: unset and None are private.</summary>
    private static bool TryPropagation(string? mode, out MountPropagation propagation)
    {
        propagation = mode switch
        {
            null or "" or "None" => MountPropagation.PropagationPrivate,
            "HostToContainer" => MountPropagation.PropagationHostToContainer,
            "Bidirectional" => MountPropagation.PropagationBidirectional,
            _ => (MountPropagation)(-1),
        };
        return (int)propagation >= 0;
    }

    /// <summary>Upstream's ExpandContainerVolumeMounts: $(VAR) from the container's env; an unset or empty one is an error.</summary>
    private static string ExpandSubPath(string expression, IReadOnlyList<KeyValue> env, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in env)
        {
            values[variable.Key] = variable.Value.ToStringUtf8();
        }

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var expanded = EnvExpansion.Expand(expression, key =>
        {
            if (!values.TryGetValue(key, out var value) || value.Length == 0)
            {
                missing.Add(key);
                return "";
            }

            return value;
        });
        error = missing.Count > 0 ? "missing value for " + string.Join(", ", missing) : null;
        return expanded;
    }
}
