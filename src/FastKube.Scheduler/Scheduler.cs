using FastKube.Api.Core;
using FastKube.Api.Policy;
using FastKube.Api.Scheduling;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;
using FastKube.Scheduler.Queue;

namespace FastKube.Scheduler;

/// <summary>
/// The scheduler core. Inputs (the host wires them to informers): <see cref="AddNode"/>,
/// <see cref="UpdateNode"/>, <see cref="RemoveNode"/>, <see cref="AddPod"/>, <see cref="UpdatePod"/>,
/// <see cref="RemovePod"/>, <see cref="SetPriorityClass"/>, <see cref="SetDisruptionBudget"/>. Outputs: <see cref="IPodBinder"/> and
/// <see cref="ISchedulerEvents"/>. <see cref="RunAsync"/> schedules until cancelled; <see cref="ScheduleOne"/>
/// runs one cycle (tests, bench). Assigned pods feed the node cache; unassigned pods whose schedulerName
/// names one of the profiles feed the queue. All state sits behind one lock; a cycle holds it while it
/// filters and scores, then binds outside it, so the next cycle already sees the assumed pod.
/// </summary>
public sealed partial class Scheduler
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly ClusterCache _cache = new();
    private readonly SchedulingQueue _queue;
    private readonly Dictionary<string, Profile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _priorityClasses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pod> _gated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodDisruptionBudget> _budgets = new(StringComparer.Ordinal);
    private readonly IPodBinder _binder;
    private readonly ISchedulerEvents _events;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly CycleContext _context;
    private readonly Diagnosis _diagnosis = new();
    private (string Name, int Value)? _globalDefault;
    private TaskCompletionSource _wake = NewWake();
    private int _bindsInFlight;

    private Scheduler(SchedulerConfiguration configuration, IPodBinder binder, ISchedulerEvents events, TimeProvider time, Random random)
    {
        _binder = binder;
        _events = events;
        _time = time;
        _random = random;
        _context = new CycleContext(_cache);
        _queue = new SchedulingQueue(time, TimeSpan.FromSeconds(configuration.PodInitialBackoffSeconds), TimeSpan.FromSeconds(configuration.PodMaxBackoffSeconds));
        foreach (var profile in configuration.Profiles)
        {
            _profiles.Add(profile.SchedulerName, ProfileFactory.Create(profile, configuration));
        }
    }

    /// <summary>
    /// A scheduler for <paramref name="configuration"/> (already validated by <see cref="SchedulerConfigLoader"/>,
    /// or <see cref="SchedulerConfiguration.Default"/>). <paramref name="random"/> breaks score ties.
    /// </summary>
    public static Scheduler Create(SchedulerConfiguration configuration, IPodBinder binder, ISchedulerEvents events, TimeProvider? time = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(events);
        return new Scheduler(configuration, binder, events, time ?? TimeProvider.System, random ?? new Random());
    }

    /// <summary>Queue and cache sizes, for tests, metrics and the bench.</summary>
    public SchedulerStats Stats
    {
        get
        {
            lock (_gate)
            {
                return new SchedulerStats(_cache.NodeCount, _cache.PodTotal, _queue.ActiveCount, _queue.BackoffCount, _queue.UnschedulableCount, _gated.Count, Volatile.Read(ref _bindsInFlight));
            }
        }
    }

    /// <summary>Schedules until cancelled: a cycle per pending pod, sleeping until an input or the next backoff (at most 1 s, upstream's backoff flush period) when none is ready.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake);
            if (ScheduleOne())
            {
                continue;
            }

            TimeSpan sleep;
            lock (_gate)
            {
                var untilBackoff = (_queue.NextBackoffExpiry() ?? DateTimeOffset.MaxValue) - _time.GetUtcNow();
                sleep = untilBackoff < MaxSleep ? untilBackoff : MaxSleep;
            }

            try
            {
                await Task.WhenAny(wake.Task, Task.Delay(sleep > TimeSpan.Zero ? sleep : TimeSpan.FromMilliseconds(1), _time, cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.CompareExchange(ref _wake, NewWake(), wake);
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>The priority upstream's admission would have set: spec.priority, else the named class, else the global default class, else 0.</summary>
    private int PriorityOf(Pod pod)
    {
        if (pod.Spec?.Priority is { } priority)
        {
            return priority;
        }

        if (pod.Spec?.PriorityClassName is { Length: > 0 } name && _priorityClasses.TryGetValue(name, out var value))
        {
            return value;
        }

        return _globalDefault?.Value ?? 0;
    }

    /// <summary>A PriorityClass was added or changed.</summary>
    public void SetPriorityClass(PriorityClass priorityClass)
    {
        ArgumentNullException.ThrowIfNull(priorityClass);
        lock (_gate)
        {
            var name = priorityClass.Metadata?.Name ?? "";
            _priorityClasses[name] = priorityClass.Value ?? 0;
            if (priorityClass.GlobalDefault == true)
            {
                _globalDefault = (name, priorityClass.Value ?? 0);
            }
            else if (_globalDefault?.Name == name)
            {
                _globalDefault = null;
            }
        }
    }

    /// <summary>A PodDisruptionBudget was added or changed: preemption prefers victims that do not violate it.</summary>
    public void SetDisruptionBudget(PodDisruptionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        lock (_gate)
        {
            _budgets[$"{budget.Metadata?.Namespace}/{budget.Metadata?.Name}"] = budget;
        }
    }

    public void RemoveDisruptionBudget(PodDisruptionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        lock (_gate)
        {
            _budgets.Remove($"{budget.Metadata?.Namespace}/{budget.Metadata?.Name}");
        }
    }

    public void RemovePriorityClass(string name)
    {
        lock (_gate)
        {
            _priorityClasses.Remove(name);
            if (_globalDefault?.Name == name)
            {
                _globalDefault = null;
            }
        }
    }
}

/// <summary>Sizes of the scheduler's cache and queues at one moment.</summary>
public readonly record struct SchedulerStats(int Nodes, int Pods, int Active, int Backoff, int Unschedulable, int Gated, int BindsInFlight)
{
    public int Pending => Active + Backoff + Unschedulable + Gated;
}
