using FastKube.Api.Core;

namespace FastKube.Scheduler;

/// <summary>
/// Binds a pod to a node: the host posts <c>pods/{name}/binding</c>; tests and the bench bind in memory.
/// Called outside the scheduler's lock, possibly concurrently for different pods; the scheduler already
/// counts the pod on the node (assumed) while the bind runs.
/// </summary>
public interface IPodBinder
{
    ValueTask<BindResult> BindAsync(Pod pod, string nodeName, CancellationToken cancellationToken);
}

/// <summary>The outcome of a bind: success, or the error text the FailedScheduling event carries.</summary>
public readonly record struct BindResult(bool Succeeded, string? Error)
{
    public static BindResult Success { get; } = new(true, null);

    public static BindResult Failed(string error) => new(false, error);
}
