namespace FastKube.Scheduler.Framework;

/// <summary>
/// Cluster changes that can make a rejected pod schedulable (upstream's ClusterEvent). Each filter plugin
/// names the ones that matter to it; an unschedulable pod moves back to the active or backoff queue only
/// on an event one of its rejecting plugins registered.
/// </summary>
[Flags]
internal enum ClusterEvents
{
    None = 0,
    NodeAdd = 1 << 0,
    NodeAllocatableChange = 1 << 1,
    NodeLabelChange = 1 << 2,
    NodeTaintChange = 1 << 3,
    NodeSpecUnschedulableChange = 1 << 4,
    NodeDelete = 1 << 5,
    AssignedPodAdd = 1 << 6,
    AssignedPodUpdate = 1 << 7,
    AssignedPodDelete = 1 << 8,
    All = (1 << 9) - 1,
}
