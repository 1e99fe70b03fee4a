using FastKube.Api.Core;
using FastKube.Api.Serialization;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;
using FastKube.Scheduler.Queue;

namespace FastKube.Scheduler;

/// <summary>Informer-facing inputs: node and pod events update the cache and the queue.</summary>
public sealed partial class Scheduler
{
    public void AddNode(Node node) => UpdateNode(node);

    /// <summary>Adds or updates a node; unschedulable pods a plugin rejected for a reason this change may cure are retried.</summary>
    public void UpdateNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            var name = node.Metadata?.Name ?? "";
            var events = _cache.TryGetSlot(name, out var slot) ? NodeChanges(_cache.Nodes[slot], node) : ClusterEvents.NodeAdd;
            _cache.UpsertNode(node);
            if (events != ClusterEvents.None)
            {
                _queue.OnClusterEvent(events);
            }
        }

        Wake();
    }

    public void RemoveNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        RemoveNode(node.Metadata?.Name ?? "");
    }

    public void RemoveNode(string name)
    {
        lock (_gate)
        {
            if (_cache.RemoveNode(name))
            {
                _queue.OnClusterEvent(ClusterEvents.NodeDelete);
            }
        }

        Wake();
    }

    public void AddPod(Pod pod) => UpdatePod(pod);

    /// <summary>
    /// Adds or updates a pod. Assigned (spec.nodeName set, not finished) pods are counted on their node;
    /// pending pods for this scheduler's profiles are queued (or held while scheduling gates remain);
    /// finished pods are dropped.
    /// </summary>
    public void UpdatePod(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_gate)
        {
            var key = PodKeys.Of(pod);
            var phase = pod.Status?.Phase;
            if (phase is PodPhases.Succeeded or PodPhases.Failed)
            {
                ForgetPod(key);
                return;
            }

            if (pod.Spec?.NodeName is { Length: > 0 } nodeName)
            {
                var known = _cache.TryGetPod(key, out _);
                _queue.Delete(key);
                _gated.Remove(key);
                _cache.ClearNomination(key);
                _cache.ConfirmPod(pod, nodeName, PodResources.For(pod.Spec), PriorityOf(pod));
                _queue.OnClusterEvent(known ? ClusterEvents.AssignedPodUpdate : ClusterEvents.AssignedPodAdd);
                return;
            }

            if (!_profiles.ContainsKey(SchedulerNameOf(pod)) || pod.Metadata?.DeletionTimestamp is not null)
            {
                return;
            }

            if (pod.Spec?.SchedulingGates is { Count: > 0 })
            {
                _queue.Delete(key);
                _gated[key] = pod;
                return;
            }

            _gated.Remove(key);
            if (_queue.TryGet(key, out var queued))
            {
                var changed = SchedulingInputsChanged(queued.Pod, pod);
                queued.Pod = pod;
                queued.Priority = PriorityOf(pod);
                _queue.Update(queued, changed);
            }
            else
            {
                _queue.Add(new QueuedPod(key, pod, PriorityOf(pod), _time.GetUtcNow()));
            }
        }

        Wake();
    }

    public void RemovePod(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_gate)
        {
            ForgetPod(PodKeys.Of(pod));
        }

        Wake();
    }

    private void ForgetPod(string key)
    {
        _queue.Delete(key);
        _gated.Remove(key);
        _cache.ClearNomination(key);
        if (_cache.RemovePod(key))
        {
            _queue.OnClusterEvent(ClusterEvents.AssignedPodDelete);
        }
    }

    private static string SchedulerNameOf(Pod pod) => pod.Spec?.SchedulerName is { Length: > 0 } name ? name : ProfileConfiguration.DefaultSchedulerName;

    /// <summary>Upstream retries an unschedulable pod on its own update only when more than status and metadata bookkeeping changed.</summary>
    private static bool SchedulingInputsChanged(Pod before, Pod after)
    {
        if (ReferenceEquals(before, after))
        {
            return false;
        }

        var labelsBefore = before.Metadata?.Labels ?? [];
        var labelsAfter = after.Metadata?.Labels ?? [];
        if (labelsBefore.Count != labelsAfter.Count || labelsBefore.Any(l => !labelsAfter.TryGetValue(l.Key, out var v) || v != l.Value))
        {
            return true;
        }

        return !KubeJson.Serialize(before.Spec).AsSpan().SequenceEqual(KubeJson.Serialize(after.Spec));
    }

    /// <summary>Which node changes matter to filters (upstream's nodeSchedulingPropertiesChange).</summary>
    private static ClusterEvents NodeChanges(Node before, Node after)
    {
        var events = ClusterEvents.None;
        if (before.Spec?.Unschedulable != after.Spec?.Unschedulable)
        {
            events |= ClusterEvents.NodeSpecUnschedulableChange;
        }

        if (!SameMap(before.Metadata?.Labels, after.Metadata?.Labels, static (a, b) => a == b))
        {
            events |= ClusterEvents.NodeLabelChange;
        }

        if (!SameMap(before.Status?.Allocatable, after.Status?.Allocatable, static (a, b) => a == b))
        {
            events |= ClusterEvents.NodeAllocatableChange;
        }

        var taintsBefore = (before.Spec?.Taints ?? []).Select(t => (t.Key, t.Value, t.Effect));
        var taintsAfter = (after.Spec?.Taints ?? []).Select(t => (t.Key, t.Value, t.Effect));
        if (!taintsBefore.SequenceEqual(taintsAfter))
        {
            events |= ClusterEvents.NodeTaintChange;
        }

        return events;
    }

    private static bool SameMap<T>(Dictionary<string, T>? a, Dictionary<string, T>? b, Func<T, T, bool> equal)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        foreach (var (key, value) in a ?? [])
        {
            if (!b!.TryGetValue(key, out var other) || !equal(value, other))
            {
                return false;
            }
        }

        return true;
    }
}
