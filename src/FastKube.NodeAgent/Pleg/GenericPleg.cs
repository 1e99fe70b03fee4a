using FastKube.Cri;
using FastKube.Cri.V1;
using FastKube.NodeAgent.Kubelet;
using FastKube.NodeAgent.Pods;
using Microsoft.Extensions.Logging;

namespace FastKube.NodeAgent.Pleg;

/// <summary>
/// The relisting pod lifecycle event generator (upstream's GenericPLEG; containerd 1.6 answers
/// GetContainerEvents with Unimplemented): every relist period it lists this node's sandboxes and all
/// containers, compares each one's state with the previous relist and raises per-pod events. The latest
/// listing per pod is kept (<see cref="Pods"/>), and so is the set of pod UIDs the runtime knows, which
/// the kubelet uses to find sandboxes of pods the API server no longer has.
/// </summary>
internal sealed class GenericPleg(IRuntimeService runtime, string nodeName, TimeProvider time, ILogger logger)
{
    /// <summary>upstream's relist period.</summary>
    public static readonly TimeSpan RelistPeriod = TimeSpan.FromSeconds(1);

    private Dictionary<string, Entry> _previous = new(StringComparer.Ordinal);

    /// <summary>Pods found by the last relist: uid → (namespace, name).</summary>
    public IReadOnlyDictionary<string, (string Namespace, string Name)> Pods { get; private set; } =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal);

    public DateTimeOffset? LastRelist { get; private set; }

    /// <summary>Lists once and returns the events since the previous relist (the first relist reports everything as new).</summary>
    public async Task<List<PodLifecycleEvent>> RelistAsync(CancellationToken ct)
    {
        var sandboxes = await runtime.ListPodSandboxAsync(new PodSandboxFilter { LabelSelector = { [KubeletLabels.Node] = nodeName } }, ct).ConfigureAwait(false);
        var containers = await runtime.ListContainersAsync(null, ct).ConfigureAwait(false);
        var current = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var pods = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var ourSandboxes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sandbox in sandboxes)
        {
            if (sandbox.Labels.TryGetValue(KubeletLabels.PodUid, out var uid))
            {
                current[sandbox.Id] = new Entry(uid, true, (int)sandbox.State);
                ourSandboxes.Add(sandbox.Id);
                pods[uid] = (sandbox.Labels.GetValueOrDefault(KubeletLabels.PodNamespace) ?? "", sandbox.Labels.GetValueOrDefault(KubeletLabels.PodName) ?? "");
            }
        }

        foreach (var container in containers)
        {
            if (ourSandboxes.Contains(container.PodSandboxId) && container.Labels.TryGetValue(KubeletLabels.PodUid, out var uid))
            {
                current[container.Id] = new Entry(uid, false, (int)container.State);
            }
        }

        var events = new List<PodLifecycleEvent>();
        foreach (var (id, entry) in current)
        {
            if (!_previous.TryGetValue(id, out var before) || before.State != entry.State)
            {
                events.Add(new PodLifecycleEvent(entry.Uid, EventType(entry), id));
            }
        }

        foreach (var (id, entry) in _previous)
        {
            if (!current.ContainsKey(id))
            {
                events.Add(new PodLifecycleEvent(entry.Uid, entry.IsSandbox ? PodLifecycleEventType.SandboxChanged : PodLifecycleEventType.ContainerRemoved, id));
            }
        }

        _previous = current;
        Pods = pods;
        LastRelist = time.GetUtcNow();
        return events;
    }

    /// <summary>Relists every period, handing each event to <paramref name="onEvent"/>, until cancelled.</summary>
    public async Task RunAsync(Action<PodLifecycleEvent> onEvent, Action<GenericPleg> afterRelist, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                foreach (var e in await RelistAsync(ct).ConfigureAwait(false))
                {
                    onEvent(e);
                }

                afterRelist(this);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                KubeletLog.RelistFailed(logger, e);
            }

            await Task.Delay(RelistPeriod, time, ct).ConfigureAwait(false);
        }
    }

    private static PodLifecycleEventType EventType(Entry entry) => entry.IsSandbox
        ? PodLifecycleEventType.SandboxChanged
        : (ContainerState)entry.State switch
        {
            ContainerState.ContainerRunning => PodLifecycleEventType.ContainerStarted,
            ContainerState.ContainerExited => PodLifecycleEventType.ContainerDied,
            _ => PodLifecycleEventType.ContainerStarted,
        };

    private readonly record struct Entry(string Uid, bool IsSandbox, int State);
}
