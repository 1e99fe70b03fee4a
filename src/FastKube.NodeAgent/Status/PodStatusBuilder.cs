using FastKube.Api.Core;
using FastKube.NodeAgent.Containers;
using FastKube.NodeAgent.Pleg;
using FastKube.NodeAgent.Pods;
using CriState = FastKube.Cri.V1.ContainerState;

namespace FastKube.NodeAgent.Status;

/// <summary>
/// Computes a pod's status from what the runtime holds, as upstream's kubelet does
/// (kuberuntime's container statuses + kubelet_pods.go generateAPIPodStatus/getPhase + pkg/kubelet/status
/// conditions). Pure: the same inputs give the same status, so the status manager can write only changes.
/// </summary>
internal static partial class PodStatusBuilder
{
    public static PodStatus Build(
        Pod pod,
        RuntimePod runtime,
        IReadOnlyDictionary<string, ContainerWaiting> waiting,
        IContainerHealth health,
        string hostIP,
        string runtimeName,
        DateTimeOffset now)
    {
        var spec = pod.Spec ?? new PodSpec();
        var old = pod.Status ?? new PodStatus();
        var uid = pod.Metadata?.Uid ?? "";
        now = TruncateToSeconds(now);

        var initStatuses = new List<ContainerStatus>();
        foreach (var container in spec.InitContainers ?? [])
        {
            initStatuses.Add(ContainerStatusOf(container, runtime, waiting, health, uid, runtimeName, initContainer: true, initialized: true));
        }

        var initialized = IsInitialized(spec, runtime);
        var statuses = new List<ContainerStatus>();
        foreach (var container in spec.Containers ?? [])
        {
            statuses.Add(ContainerStatusOf(container, runtime, waiting, health, uid, runtimeName, initContainer: false, initialized));
        }

        var phase = Phase(old.Phase, spec, initStatuses, statuses, runtime);
        var sandbox = runtime.ReadySandbox;
        var podIP = spec.HostNetwork == true ? hostIP : sandbox is { Ip.Length: > 0 } ? sandbox.Ip : old.PodIP;
        var status = new PodStatus
        {
            ObservedGeneration = pod.Metadata?.Generation,
            Phase = phase,
            HostIP = hostIP,
            HostIPs = [new HostIP { IP = hostIP }],
            PodIP = podIP,
            PodIPs = podIP is null ? null : [new PodIP { IP = podIP }],
            StartTime = old.StartTime ?? now,
            InitContainerStatuses = initStatuses.Count > 0 ? initStatuses : null,
            ContainerStatuses = statuses,
            QOSClass = old.QOSClass ?? PodQos.Compute(spec),
            NominatedNodeName = old.NominatedNodeName,
        };
        status.Conditions = Conditions(old, spec, runtime, initStatuses, statuses, phase, initialized, now);
        return status;
    }

    /// <summary>
    /// upstream getPhase: a finished pod stays finished; failed init containers fail a Never pod; waiting for
    /// init or for a first start is Pending; a crash-looping container counts as stopped, so Always pods stay
    /// Running while they restart.
    /// </summary>
    private static string Phase(string? oldPhase, PodSpec spec, List<ContainerStatus> init, List<ContainerStatus> containers, RuntimePod runtime)
    {
        if (oldPhase is PodPhases.Succeeded or PodPhases.Failed)
        {
            return oldPhase;
        }

        var restartPolicy = spec.RestartPolicy ?? RestartPolicies.Always;
        foreach (var status in init)
        {
            if (status.State?.Terminated is { ExitCode: 0 })
            {
                continue;
            }

            var failed = status.State?.Terminated is not null || status.LastState?.Terminated is not null;
            return failed && restartPolicy == RestartPolicies.Never ? PodPhases.Failed : PodPhases.Pending;
        }

        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var status in containers)
        {
            if (status.State?.Running is not null)
            {
                running++;
            }
            else if (status.State?.Terminated is { } terminated)
            {
                stopped++;
                succeeded += terminated.ExitCode == 0 ? 1 : 0;
            }
            else if (status.LastState?.Terminated is not null)
            {
                stopped++;
            }
            else
            {
                waiting++;
            }
        }

        if (waiting > 0 || runtime.Sandboxes.Count == 0 && running == 0 && stopped == 0)
        {
            return PodPhases.Pending;
        }

        if (running > 0)
        {
            return PodPhases.Running;
        }

        return restartPolicy switch
        {
            RestartPolicies.Always => PodPhases.Running,
            RestartPolicies.OnFailure => stopped == succeeded ? PodPhases.Succeeded : PodPhases.Running,
            _ => stopped == succeeded ? PodPhases.Succeeded : PodPhases.Failed,
        };
    }

    /// <summary>Init containers are done when each one's latest run exited 0, or once any app container ran (upstream).</summary>
    public static bool IsInitialized(PodSpec spec, RuntimePod runtime)
    {
        if ((spec.Containers ?? []).Any(c => runtime.Latest(c.Name ?? "") is not null))
        {
            return true;
        }

        return (spec.InitContainers ?? []).All(c => runtime.Latest(c.Name ?? "") is { IsExited: true, ExitCode: 0 });
    }

    private static ContainerStatus ContainerStatusOf(
        Container container,
        RuntimePod runtime,
        IReadOnlyDictionary<string, ContainerWaiting> waiting,
        IContainerHealth health,
        string uid,
        string runtimeName,
        bool initContainer,
        bool initialized)
    {
        var name = container.Name ?? "";
        var instances = runtime.Instances(name).Take(2).ToList();
        var latest = instances.Count > 0 ? instances[0] : null;
        var previous = instances.Count > 1 ? instances[1] : null;
        var status = new ContainerStatus
        {
            Name = name,
            Image = container.Image,
            ImageID = latest?.ImageRef ?? "",
            ContainerID = latest is null ? null : runtimeName + "://" + latest.Id,
            RestartCount = latest?.RestartCount ?? 0,
            Ready = false,
            Started = false,
            LastState = new ContainerState(),
        };

        waiting.TryGetValue(name, out var reason);
        if (latest is null)
        {
            var defaultReason = initContainer || initialized ? "ContainerCreating" : "PodInitializing";
            status.State = Waiting(reason ?? new ContainerWaiting(defaultReason, ""));
            return status;
        }

        switch (latest.State)
        {
            case CriState.ContainerRunning:
                status.State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Time(latest.StartedAt) } };
                status.Started = true;
                status.Ready = !initContainer && (health.IsReady(uid, name) ?? true);
                status.LastState = previous is { IsExited: true } ? Terminated(previous, runtimeName) : new ContainerState();
                break;
            case CriState.ContainerExited when reason is not null:
                status.State = Waiting(reason);
                status.LastState = Terminated(latest, runtimeName);
                break;
            case CriState.ContainerExited:
                status.State = Terminated(latest, runtimeName);
                status.LastState = previous is { IsExited: true } ? Terminated(previous, runtimeName) : new ContainerState();
                break;
            default:
                status.State = Waiting(reason ?? new ContainerWaiting("ContainerCreating", ""));
                status.LastState = previous is { IsExited: true } ? Terminated(previous, runtimeName) : new ContainerState();
                break;
        }

        return status;
    }

    private static ContainerState Waiting(ContainerWaiting reason) =>
        new() { Waiting = new ContainerStateWaiting { Reason = reason.Reason, Message = reason.Message.Length > 0 ? reason.Message : null } };

    private static ContainerState Terminated(RuntimeContainer container, string runtimeName) => new()
    {
        Terminated = new ContainerStateTerminated
        {
            ExitCode = container.ExitCode,
            Reason = container.Reason.Length > 0 ? container.Reason : container.ExitCode == 0 ? "Completed" : "Error",
            Message = container.Message.Length > 0 ? container.Message : null,
            StartedAt = Time(container.StartedAt),
            FinishedAt = Time(container.FinishedAt),
            ContainerID = runtimeName + "://" + container.Id,
        },
    };

    private static DateTimeOffset? Time(long unixNanoseconds) =>
        unixNanoseconds <= 0 ? null : TruncateToSeconds(DateTimeOffset.UnixEpoch.AddTicks(unixNanoseconds / 100));

    /// <summary>API times are whole seconds (RFC 3339); truncating keeps recomputed statuses equal to written ones.</summary>
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset);
}
