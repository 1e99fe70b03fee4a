using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.NodeAgent.Containers;

namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// The files of configMap, secret and downwardAPI volumes and projections (upstream's MakePayload and
/// CollectData), with upstream's error messages. A missing key fails unless the source is optional; an item's
/// mode wins over the volume's defaultMode (0644 when unset, as the API server defaults it).
/// </summary>
internal static class VolumePayloads
{
    public static string? ConfigMap(List<KeyToPath>? items, ConfigMap? configMap, int? defaultMode, bool optional, Dictionary<string, FileProjection> payload)
    {
        var mode = defaultMode ?? Defaults.DefaultVolumeFileMode;
        var data = configMap?.Data;
        var binary = configMap?.BinaryData;
        if (items is not { Count: > 0 })
        {
            foreach (var (key, value) in data ?? [])
            {
                payload[key] = new FileProjection(Encoding.UTF8.GetBytes(value), mode);
            }

            foreach (var (key, value) in binary ?? [])
            {
                payload[key] = new FileProjection(value, mode);
            }

            return null;
        }

        foreach (var item in items)
        {
            var key = item.Key ?? "";
            byte[] bytes;
            if (data is not null && data.TryGetValue(key, out var text))
            {
                bytes = Encoding.UTF8.GetBytes(text);
            }
            else if (binary is not null && binary.TryGetValue(key, out var raw))
            {
                bytes = raw;
            }
            else if (optional)
            {
                continue;
            }
            else
            {
                return $"configmap references non-existent config key: {key}";
            }

            payload[item.Path ?? key] = new FileProjection(bytes, item.Mode ?? mode);
        }

        return null;
    }

    public static string? Secret(List<KeyToPath>? items, Secret? secret, int? defaultMode, bool optional, Dictionary<string, FileProjection> payload)
    {
        var mode = defaultMode ?? Defaults.DefaultVolumeFileMode;
        var data = secret?.Data;
        if (items is not { Count: > 0 })
        {
            foreach (var (key, value) in data ?? [])
            {
                payload[key] = new FileProjection(value, mode);
            }

            return null;
        }

        foreach (var item in items)
        {
            var key = item.Key ?? "";
            if (data is not null && data.TryGetValue(key, out var value))
            {
                payload[item.Path ?? key] = new FileProjection(value, item.Mode ?? mode);
            }
            else if (!optional)
            {
                return $"references non-existent secret key: {key}";
            }
        }

        return null;
    }

    /// <summary>Every item is tried; the errors of all failed items are joined as upstream's error aggregate does.</summary>
    public static string? DownwardApi(List<DownwardAPIVolumeFile>? items, int? defaultMode, Pod pod, DownwardApiContext context, Dictionary<string, FileProjection> payload)
    {
        var mode = defaultMode ?? Defaults.DefaultVolumeFileMode;
        var errors = new List<string>();
        foreach (var item in items ?? [])
        {
            string value;
            string? error;
            if (item.FieldRef is { } field)
            {
                DownwardApiValues.TryGetField(pod, context, field.FieldPath ?? "", out value, out error);
            }
            else if (item.ResourceFieldRef is { } resource)
            {
                var container = DownwardApiValues.FindContainer(pod, resource.ContainerName);
                if (container is null)
                {
                    errors.Add($"container {resource.ContainerName} not found");
                    continue;
                }

                DownwardApiValues.TryGetResource(container, resource, context, out value, out error);
            }
            else
            {
                continue;
            }

            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            payload[item.Path ?? ""] = new FileProjection(Encoding.UTF8.GetBytes(value), item.Mode ?? mode);
        }

        return Aggregate(errors);
    }

    /// <summary>Upstream's utilerrors aggregate text: the one message, or "[a, b]".</summary>
    public static string? Aggregate(List<string> errors) => errors.Count switch
    {
        0 => null,
        1 => errors[0],
        _ => "[" + string.Join(", ", errors) + "]",
    };
}
