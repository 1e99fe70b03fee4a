using FastKube.Api.Core;
using FastKube.Api.Resource;
using LinuxContainerResources = FastKube.Cri.V1.LinuxContainerResources;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// Container resources → CRI <see cref="LinuxContainerResources"/> as upstream's kuberuntime
/// generateLinuxContainerResources with the CFS quota on and swap off (cgroup v1, NoSwap).
/// </summary>
internal static class ResourceMapper
{
    // pkg/kubelet/cm: cgroup v1's cpu.shares bounds and the CFS period/minimum quota the kubelet uses.
    public const long MinShares = 2;
    public const long MaxShares = 262144;
    public const long SharesPerCpu = 1024;
    public const long QuotaPeriod = 100000;
    public const long MinQuotaPeriod = 1000;

    // pkg/kubelet/qos/policy.go.
    public const int GuaranteedOomScoreAdj = -997;
    public const int BestEffortOomScoreAdj = 1000;

    // pkg/apis/scheduling: pods of this class at or above this priority are node-critical.
    private const string SystemNodeCritical = "system-node-critical";
    private const int SystemCriticalPriority = 2_000_000_000;

    /// <param name="memoryCapacityBytes">The machine's memory capacity (not allocatable), as upstream.</param>
    public static LinuxContainerResources Map(Pod pod, Container container, long memoryCapacityBytes)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        long cpuRequest = Get(requests, "cpu").MilliValue();
        long cpuLimit = Get(limits, "cpu").MilliValue();
        long memoryLimit = Get(limits, "memory").Value();

        var resources = new LinuxContainerResources
        {
            // An unset request with a set limit takes the limit, as upstream.
            CpuShares = MilliCpuToShares(cpuRequest == 0 && cpuLimit != 0 ? cpuLimit : cpuRequest),
            CpuQuota = MilliCpuToQuota(cpuLimit, QuotaPeriod),
            CpuPeriod = QuotaPeriod,
            OomScoreAdj = OomScoreAdjust(pod, container, memoryCapacityBytes),
        };
        if (memoryLimit != 0)
        {
            resources.MemoryLimitInBytes = memoryLimit;
            // NoSwap: the swap limit equals the memory limit, so the container cannot swap.
            resources.MemorySwapLimitInBytes = memoryLimit;
        }

        return resources;
    }

    /// <summary>Upstream's MilliCPUToShares: 1024 shares per CPU, at least 2 (also for no request), at most 262144.</summary>
    public static long MilliCpuToShares(long milliCpu)
    {
        if (milliCpu == 0)
        {
            return MinShares;
        }

        long shares = milliCpu * SharesPerCpu / 1000;
        return Math.Clamp(shares, MinShares, MaxShares);
    }

    /// <summary>Upstream's milliCPUToQuota: 0 (no quota) without a limit, otherwise at least 1000 µs per period.</summary>
    public static long MilliCpuToQuota(long milliCpu, long period)
    {
        if (milliCpu == 0)
        {
            return 0;
        }

        long quota = milliCpu * period / 1000;
        return Math.Max(quota, MinQuotaPeriod);
    }

    /// <summary>
    /// Upstream's GetContainerOOMScoreAdjust: node-critical and Guaranteed pods -997, BestEffort 1000, Burstable
    /// 1000 - 1000 × memoryRequest / memoryCapacity, kept in [1000 - 997, 999] so a Burstable container always
    /// ranks between the two.
    /// </summary>
    public static int OomScoreAdjust(Pod pod, Container container, long memoryCapacityBytes)
    {
        if (pod.Spec?.PriorityClassName == SystemNodeCritical && pod.Spec.Priority >= SystemCriticalPriority)
        {
            return GuaranteedOomScoreAdj;
        }

        switch (PodQos.Get(pod))
        {
            case QOSClasses.Guaranteed:
                return GuaranteedOomScoreAdj;
            case QOSClasses.BestEffort:
                return BestEffortOomScoreAdj;
        }

        long memoryRequest = Get(container.Resources?.Requests, "memory").Value();
        // Integer arithmetic as upstream's int64 expression; no capacity known behaves as a request of 0.
        long adjust = memoryCapacityBytes <= 0 ? BestEffortOomScoreAdj : 1000 - (1000 * memoryRequest / memoryCapacityBytes);
        if (adjust < 1000 + GuaranteedOomScoreAdj)
        {
            return 1000 + GuaranteedOomScoreAdj;
        }

        return adjust == BestEffortOomScoreAdj ? BestEffortOomScoreAdj - 1 : (int)adjust;
    }

    private static Quantity Get(Dictionary<string, Quantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var q) ? q : Quantity.Zero;
}
