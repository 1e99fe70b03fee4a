using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;
using FastKube.Scheduler.Preemption;
using FastKube.Scheduler.Queue;

namespace FastKube.Scheduler;

/// <summary>The scheduling cycle (filter, score, assume or preempt) and the binding cycle.</summary>
public sealed partial class Scheduler
{
    /// <summary>
    /// Runs one scheduling cycle if a pod is ready: true when one was attempted. The bind starts before
    /// this returns; a binder that completes synchronously has finished it.
    /// </summary>
    public bool ScheduleOne()
    {
        QueuedPod queued;
        string? node = null;
        string? failure = null;
        PreemptionOutcome? preemption = null;
        lock (_gate)
        {
            _queue.Flush();
            var next = _queue.Pop();
            if (next is null)
            {
                return false;
            }

            queued = next;
            var pod = queued.Pod;
            var profile = _profiles[SchedulerNameOf(pod)];
            var resources = PodResources.For(pod.Spec);
            _context.Reset(pod, resources, queued.Priority);
            profile.FindNodes(_context, _diagnosis);
            if (_context.Feasible.Count > 0)
            {
                var slot = profile.SelectHost(_context, _random);
                node = _cache.Names[slot];
                _cache.AddPod(pod, node, resources, queued.Priority, assumed: true);
                _cache.ClearNomination(queued.Key);
                Interlocked.Increment(ref _bindsInFlight);
            }
            else
            {
                var result = _diagnosis.NodeCount > 0 ? profile.Preemption?.Preempt(_context, profile, _diagnosis, new DisruptionBudgets(_budgets.Values)) : null;
                failure = _diagnosis.Message(_context, result?.FailureMessage);
                if (result?.NominatedNode is { } nominated)
                {
                    preemption = new PreemptionOutcome(nominated, result.Victims);
                    _cache.Nominate(queued.Key, nominated, queued.Priority, resources);
                }

                var retryOn = ClusterEvents.None;
                foreach (var plugin in _diagnosis.RejectingPlugins)
                {
                    retryOn |= plugin.Events;
                }

                _queue.AddUnschedulable(queued, retryOn == ClusterEvents.None ? ClusterEvents.All : retryOn, error: false, _queue.SchedulingCycle);
            }
        }

        if (node is not null)
        {
            Bind(queued, node);
            return true;
        }

        _events.OnFailedScheduling(queued.Pod, SchedulingMessages.ReasonUnschedulable, failure!);
        if (preemption is { } outcome)
        {
            foreach (var victim in outcome.Victims)
            {
                _events.OnPreempted(victim, queued.Pod, outcome.Node);
            }

            _events.OnNominated(queued.Pod, outcome.Node);
        }

        return true;
    }

    private void Bind(QueuedPod queued, string node)
    {
        ValueTask<BindResult> pending;
        try
        {
            pending = _binder.BindAsync(queued.Pod, node, CancellationToken.None);
        }
#pragma warning disable CA1031 // A binder failure of any kind must un-assume the pod, not kill the scheduling loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            pending = ValueTask.FromResult(BindResult.Failed(e.Message));
        }

        if (pending.IsCompletedSuccessfully)
        {
            FinishBind(queued, node, pending.Result);
        }
        else
        {
            _ = AwaitBindAsync(queued, node, pending);
        }
    }

    private async Task AwaitBindAsync(QueuedPod queued, string node, ValueTask<BindResult> pending)
    {
        BindResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See Bind: every failure is a failed bind.
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = BindResult.Failed(e.Message);
        }

        FinishBind(queued, node, result);
    }

    /// <summary>Success: the assumed pod stays counted until the informer confirms it. Failure: un-assume, back off, and retry pods that the freed resources may help.</summary>
    private void FinishBind(QueuedPod queued, string node, BindResult result)
    {
        lock (_gate)
        {
            if (result.Succeeded)
            {
                _cache.FinishBinding(queued.Key);
                _queue.Done(queued.Key);
            }
            else
            {
                if (_cache.TryGetPod(queued.Key, out var record) && record.Assumed)
                {
                    _cache.RemovePod(queued.Key);
                }

                _queue.AddUnschedulable(queued, ClusterEvents.All, error: true, _queue.SchedulingCycle);
                _queue.OnClusterEvent(ClusterEvents.AssignedPodDelete);
            }
        }

        Interlocked.Decrement(ref _bindsInFlight);
        if (result.Succeeded)
        {
            _events.OnScheduled(queued.Pod, node);
        }
        else
        {
            _events.OnFailedScheduling(queued.Pod, SchedulingMessages.ReasonSchedulerError, "Binding rejected: " + result.Error);
            Wake();
        }
    }

    private sealed record PreemptionOutcome(string Node, IReadOnlyList<Pod> Victims);
}
