using System.Globalization;
using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.Api.Validation;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// The downward API values shared by env (fieldRef, resourceFieldRef) and downwardAPI volumes, with
/// upstream's field paths, rounding and error messages (pkg/fieldpath, pkg/api/v1/resource, the kubelet's
/// podFieldSelectorRuntimeValue).
/// </summary>
internal static class DownwardApiValues
{
    /// <summary>Resolves a fieldRef path; false with upstream's message for an unsupported one.</summary>
    public static bool TryGetField(Pod pod, DownwardApiContext context, string fieldPath, out string value, out string? error)
    {
        error = null;
        switch (fieldPath)
        {
            case "spec.nodeName":
                value = pod.Spec?.NodeName ?? "";
                return true;
            case "spec.serviceAccountName":
                value = pod.Spec?.ServiceAccountName ?? "";
                return true;
            case "status.hostIP":
                value = context.HostIPs.Count > 0 ? context.HostIPs[0] : "";
                return true;
            case "status.hostIPs":
                value = string.Join(',', context.HostIPs);
                return true;
            case "status.podIP":
                value = context.PodIPs.Count > 0 ? context.PodIPs[0] : "";
                return true;
            case "status.podIPs":
                value = string.Join(',', context.PodIPs);
                return true;
            default:
                return TryGetMetadataField(pod, fieldPath, out value, out error);
        }
    }

    private static bool TryGetMetadataField(Pod pod, string fieldPath, out string value, out string? error)
    {
        value = "";
        error = null;
        var meta = pod.Metadata;
        if (TrySplitSubscript(fieldPath, out string path, out string subscript))
        {
            Dictionary<string, string>? map = path switch
            {
                "metadata.annotations" => meta?.Annotations,
                "metadata.labels" => meta?.Labels,
                _ => null,
            };
            if (path is not ("metadata.annotations" or "metadata.labels"))
            {
                error = $"fieldPath \"{fieldPath}\" does not support subscript";
                return false;
            }

            var keyErrors = NameRules.IsQualifiedName(subscript.ToLowerInvariant());
            if (keyErrors.Count > 0)
            {
                error = $"invalid key subscript in {fieldPath}: {string.Join(";", keyErrors)}";
                return false;
            }

            value = map is not null && map.TryGetValue(subscript, out string? found) ? found : "";
            return true;
        }

        switch (fieldPath)
        {
            case "metadata.annotations":
                value = FormatMap(meta?.Annotations);
                return true;
            case "metadata.labels":
                value = FormatMap(meta?.Labels);
                return true;
            case "metadata.name":
                value = meta?.Name ?? "";
                return true;
            case "metadata.namespace":
                value = meta?.Namespace ?? "";
                return true;
            case "metadata.uid":
                value = meta?.Uid ?? "";
                return true;
            default:
                error = $"unsupported fieldPath: {fieldPath}";
                return false;
        }
    }

    // Upstream's SplitMaybeSubscriptedPath: "metadata.labels['app']" → ("metadata.labels", "app").
    private static bool TrySplitSubscript(string fieldPath, out string path, out string subscript)
    {
        path = subscript = "";
        if (!fieldPath.EndsWith("']", StringComparison.Ordinal))
        {
            return false;
        }

        int open = fieldPath.IndexOf("['", StringComparison.Ordinal);
        if (open <= 0)
        {
            return false;
        }

        path = fieldPath[..open];
        subscript = fieldPath[(open + 2)..^2];
        return true;
    }

    /// <summary>Upstream's fieldpath.FormatMap: sorted <c>key="value"</c> lines, Go-quoted, no trailing newline.</summary>
    public static string FormatMap(Dictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            return "";
        }

        var keys = map.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (string key in keys)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(key).Append('=');
            FieldError.GoQuote(text, map[key]);
        }

        return text.ToString();
    }

    /// <summary>
    /// Resolves a resourceFieldRef for <paramref name="container"/> (upstream's ExtractContainerResourceValue
    /// after MergeContainerResourceLimits): unset cpu, memory and ephemeral-storage limits fall back to the
    /// node's allocatable; the value is divided by the divisor (default 1) and rounded up.
    /// </summary>
    public static bool TryGetResource(Container container, ResourceFieldSelector selector, DownwardApiContext context, out string value, out string? error)
    {
        value = "";
        error = null;
        string resource = selector.Resource ?? "";
        Quantity divisor = selector.Divisor is { IsZero: false } d ? d : Quantity.FromValue(1);
        var limits = container.Resources?.Limits;
        var requests = container.Resources?.Requests;
        switch (resource)
        {
            case "limits.cpu":
                value = CpuToString(LimitOrAllocatable(limits, "cpu", context), divisor);
                return true;
            case "limits.memory":
                value = BytesToString(LimitOrAllocatable(limits, "memory", context), divisor);
                return true;
            case "limits.ephemeral-storage":
                value = BytesToString(LimitOrAllocatable(limits, "ephemeral-storage", context), divisor);
                return true;
            case "requests.cpu":
                value = CpuToString(Get(requests, "cpu"), divisor);
                return true;
            case "requests.memory":
                value = BytesToString(Get(requests, "memory"), divisor);
                return true;
            case "requests.ephemeral-storage":
                value = BytesToString(Get(requests, "ephemeral-storage"), divisor);
                return true;
        }

        if (resource.StartsWith("limits.hugepages-", StringComparison.Ordinal))
        {
            value = BytesToString(Get(limits, resource["limits.".Length..]), divisor);
            return true;
        }

        if (resource.StartsWith("requests.hugepages-", StringComparison.Ordinal))
        {
            value = BytesToString(Get(requests, resource["requests.".Length..]), divisor);
            return true;
        }

        error = $"unsupported container resource : {resource}";
        return false;
    }

    /// <summary>Finds the container a volume's resourceFieldRef names, among init and app containers.</summary>
    public static Container? FindContainer(Pod pod, string? name)
    {
        foreach (var list in (ReadOnlySpan<List<Container>?>)[pod.Spec?.Containers, pod.Spec?.InitContainers])
        {
            if (list is null)
            {
                continue;
            }

            foreach (var container in list)
            {
                if (container.Name == name)
                {
                    return container;
                }
            }
        }

        return null;
    }

    private static Quantity Get(Dictionary<string, Quantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var q) ? q : Quantity.Zero;

    private static Quantity LimitOrAllocatable(Dictionary<string, Quantity>? limits, string name, DownwardApiContext context)
    {
        var limit = Get(limits, name);
        return limit.IsZero && context.NodeAllocatable.TryGetValue(name, out var allocatable) ? allocatable : limit;
    }

    private static string CpuToString(Quantity cpu, Quantity divisor) =>
        CeilDivide(cpu.MilliValue(), divisor.MilliValue());

    private static string BytesToString(Quantity bytes, Quantity divisor) =>
        CeilDivide(bytes.Value(), divisor.Value());

    private static string CeilDivide(long value, long divisor)
    {
        long whole = (long)Math.Ceiling((double)value / divisor);
        return whole.ToString(CultureInfo.InvariantCulture);
    }
}
