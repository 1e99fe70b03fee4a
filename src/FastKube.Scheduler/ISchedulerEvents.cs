using FastKube.Api.Core;

namespace FastKube.Scheduler;

/// <summary>
/// What the scheduler reports about pods; the host turns these into core/v1 Events, the PodScheduled
/// condition, <c>status.nominatedNodeName</c> and victim deletions. Called outside the scheduler's lock,
/// on the scheduling or binding thread: implementations must not block.
/// </summary>
public interface ISchedulerEvents
{
    /// <summary>Bound: upstream emits a Normal "Scheduled" event, "Successfully assigned ns/name to node".</summary>
    void OnScheduled(Pod pod, string nodeName);

    /// <summary>
    /// Not scheduled this cycle: a Warning "FailedScheduling" event with <paramref name="message"/> and the
    /// condition PodScheduled=False that <see cref="SchedulingMessages.UnschedulableCondition"/> builds.
    /// <paramref name="reason"/> is "Unschedulable" for a fit error, "SchedulerError" for anything else.
    /// </summary>
    void OnFailedScheduling(Pod pod, string reason, string message);

    /// <summary>Preemption chose <paramref name="nodeName"/> for the pod (null clears it): patch status.nominatedNodeName.</summary>
    void OnNominated(Pod pod, string? nodeName);

    /// <summary>Preemption evicts <paramref name="victim"/> so <paramref name="preemptor"/> fits on <paramref name="nodeName"/>: delete it, with a "Preempted" event.</summary>
    void OnPreempted(Pod victim, Pod preemptor, string nodeName);
}
