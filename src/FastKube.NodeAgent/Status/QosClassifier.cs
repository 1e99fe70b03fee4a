using FastKube.Api.Core;
using FastKube.Api.Resource;

namespace FastKube.NodeAgent.Status;

/// <summary>
/// A pod's QoS class as upstream's qos.GetPodQOS computes it: BestEffort without any cpu/memory request or
/// limit; Guaranteed when every container limits cpu and memory and requests equal limits (a missing
/// request defaults to the limit); otherwise Burstable. Init containers count as well.
/// </summary>
internal static class QosClassifier
{
    private static readonly string[] Compute = ["cpu", "memory"];

    public static string Classify(PodSpec spec)
    {
        var any = false;
        var guaranteed = true;
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            var requests = container.Resources?.Requests;
            var limits = container.Resources?.Limits;
            foreach (var resource in Compute)
            {
                Quantity? request = requests is not null && requests.TryGetValue(resource, out var r) && !r.IsZero ? r : null;
                Quantity? limit = limits is not null && limits.TryGetValue(resource, out var l) && !l.IsZero ? l : null;
                any |= request is not null || limit is not null;
                if (limit is null || (request is not null && request.Value != limit.Value))
                {
                    guaranteed = false;
                }
            }
        }

        return !any ? QOSClasses.BestEffort : guaranteed ? QOSClasses.Guaranteed : QOSClasses.Burstable;
    }
}
