using FastKube.Api.Core;
using FastKube.NodeAgent.Pods;

namespace FastKube.NodeAgent.Tests.Support;

/// <summary>An <see cref="IPodApi"/> that keeps the last status written per pod and the pods deleted.</summary>
internal sealed class RecordingPodApi : IPodApi
{
    private readonly object _lock = new();
    private readonly Dictionary<string, PodStatus> _statuses = [];
    private readonly List<string> _deleted = [];

    public int Patches { get; private set; }

    public PodStatus? StatusOf(Pod pod)
    {
        lock (_lock)
        {
            return _statuses.GetValueOrDefault(pod.Metadata!.Uid!);
        }
    }

    public bool WasDeleted(Pod pod)
    {
        lock (_lock)
        {
            return _deleted.Contains(pod.Metadata!.Uid!);
        }
    }

    public Task PatchStatusAsync(Pod pod, PodStatus status, CancellationToken ct)
    {
        lock (_lock)
        {
            _statuses[pod.Metadata!.Uid!] = status;
            Patches++;
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(Pod pod, CancellationToken ct)
    {
        lock (_lock)
        {
            _deleted.Add(pod.Metadata!.Uid!);
        }

        return Task.CompletedTask;
    }
}
