using FastKube.Api.Core;
using FastKube.Api.Resource;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// A pod's QoS class as upstream's ComputePodQOS: only cpu and memory count, init containers included.
/// BestEffort when no container requests or limits either; Guaranteed when every container limits both
/// and every request equals its limit; Burstable otherwise.
/// </summary>
internal static class PodQos
{
    /// <summary>The class recorded in the pod's status when there is one (upstream's GetPodQOS), else computed.</summary>
    public static string Get(Pod pod) =>
        string.IsNullOrEmpty(pod.Status?.QOSClass) ? Compute(pod.Spec) : pod.Status.QOSClass;

    public static string Compute(PodSpec? spec)
    {
        Quantity cpuRequests = default, memoryRequests = default, cpuLimits = default, memoryLimits = default;
        bool anyCpuRequest = false, anyMemoryRequest = false, anyCpuLimit = false, anyMemoryLimit = false;
        bool guaranteed = true;
        foreach (var list in (ReadOnlySpan<List<Container>?>)[spec?.Containers, spec?.InitContainers])
        {
            foreach (var container in list ?? [])
            {
                var requests = container.Resources?.Requests;
                var limits = container.Resources?.Limits;
                Accumulate(requests, "cpu", ref cpuRequests, ref anyCpuRequest);
                Accumulate(requests, "memory", ref memoryRequests, ref anyMemoryRequest);
                bool cpuLimit = Accumulate(limits, "cpu", ref cpuLimits, ref anyCpuLimit);
                bool memoryLimit = Accumulate(limits, "memory", ref memoryLimits, ref anyMemoryLimit);
                guaranteed &= cpuLimit && memoryLimit;
            }
        }

        if (!anyCpuRequest && !anyMemoryRequest && !anyCpuLimit && !anyMemoryLimit)
        {
            return QOSClasses.BestEffort;
        }

        // Every container limits both resources here, so both limit sums exist; a request must match its sum.
        if (guaranteed
            && (!anyCpuRequest || cpuRequests == cpuLimits)
            && (!anyMemoryRequest || memoryRequests == memoryLimits)
            && anyCpuRequest == anyCpuLimit && anyMemoryRequest == anyMemoryLimit)
        {
            return QOSClasses.Guaranteed;
        }

        return QOSClasses.Burstable;
    }

    private static bool Accumulate(Dictionary<string, Quantity>? list, string name, ref Quantity sum, ref bool any)
    {
        if (list is null || !list.TryGetValue(name, out var quantity) || quantity.Sign <= 0)
        {
            return false;
        }

        sum += quantity;
        any = true;
        return true;
    }
}
