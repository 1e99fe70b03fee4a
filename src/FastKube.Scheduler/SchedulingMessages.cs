using System.Globalization;
using FastKube.Api.Core;

namespace FastKube.Scheduler;

/// <summary>Upstream's texts for scheduling outcomes, so <c>kubectl describe pod</c> reads the same.</summary>
public static class SchedulingMessages
{
    public const string ReasonUnschedulable = "Unschedulable";

    public const string ReasonSchedulerError = "SchedulerError";

    public const string EventScheduled = "Scheduled";

    public const string EventFailedScheduling = "FailedScheduling";

    public const string EventPreempted = "Preempted";

    /// <summary>The Normal event message upstream writes on a successful bind.</summary>
    public static string Scheduled(Pod pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return string.Create(CultureInfo.InvariantCulture, $"Successfully assigned {pod.Metadata?.Namespace}/{pod.Metadata?.Name} to {nodeName}");
    }

    /// <summary>The message of the "Preempted" event on a victim.</summary>
    public static string Preempted(Pod preemptor, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(preemptor);
        return string.Create(CultureInfo.InvariantCulture, $"Preempted by pod {preemptor.Metadata?.Uid} on node {nodeName}");
    }

    /// <summary>The PodScheduled=False condition upstream sets with a FailedScheduling event.</summary>
    public static PodCondition UnschedulableCondition(string reason, string message, DateTimeOffset now) => new()
    {
        Type = PodConditionTypes.PodScheduled,
        Status = "False",
        Reason = reason,
        Message = message,
        LastTransitionTime = now,
    };
}
