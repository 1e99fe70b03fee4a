using FastKube.Api.Resource;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// What the downward API needs beyond the Pod object: the sandbox's IPs (status.podIP(s) are read from
/// the runtime, not from a possibly stale pod status, as upstream does), the node's IPs, and the node's
/// allocatable resources, which stand in for unset limits in resourceFieldRef.
/// </summary>
internal sealed record DownwardApiContext(
    IReadOnlyList<string> PodIPs,
    IReadOnlyList<string> HostIPs,
    IReadOnlyDictionary<string, Quantity> NodeAllocatable)
{
    public static DownwardApiContext Empty { get; } = new([], [], new Dictionary<string, Quantity>());
}
