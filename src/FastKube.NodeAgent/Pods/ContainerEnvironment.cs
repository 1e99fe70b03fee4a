using FastKube.Api.Resource;
using FastKube.NodeAgent.Containers;
using FastKube.NodeAgent.Pleg;
using Container = FastKube.Api.Core.Container;
using Pod = FastKube.Api.Core.Pod;

namespace FastKube.NodeAgent.Pods;

/// <summary>
/// What a container's CRI config needs from outside the Pod object (upstream generateContainerConfig's
/// inputs): ConfigMaps and Secrets for env, the sandbox's and the node's IPs and the node's allocatable
/// for the downward API, and the machine's memory capacity for oom_score_adj.
/// </summary>
internal sealed class ContainerEnvironment(
    IPodResourceSource resources,
    string hostIP,
    long memoryCapacityBytes,
    Func<IReadOnlyDictionary<string, Quantity>> allocatable)
{
    private readonly EnvBuilder _env = new(resources);

    public long MemoryCapacityBytes { get; } = memoryCapacityBytes;

    public ValueTask<EnvResult> BuildEnvAsync(Pod pod, Container container, RuntimeSandbox sandbox, CancellationToken ct)
    {
        IReadOnlyList<string> podIPs = sandbox.Ip.Length > 0 ? [sandbox.Ip] : [];
        return _env.BuildAsync(pod, container, new DownwardApiContext(podIPs, [hostIP], allocatable()), ct);
    }
}
