using FastKube.Api.Core;

namespace FastKube.NodeAgent.Pods;

/// <summary>What the pod workers write to the API server: a pod's status, and the final delete.</summary>
internal interface IPodApi
{
    Task PatchStatusAsync(Pod pod, PodStatus status, CancellationToken ct);

    /// <summary>Deletes the pod with gracePeriodSeconds=0 and a uid precondition, once its containers are gone.</summary>
    Task DeleteAsync(Pod pod, CancellationToken ct);
}
