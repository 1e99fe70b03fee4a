namespace FastKube.NodeAgent.Pleg;

/// <summary>upstream's PodLifeCycleEventType names (pkg/kubelet/pleg).</summary>
internal enum PodLifecycleEventType
{
    ContainerStarted,
    ContainerDied,
    ContainerRemoved,
    SandboxChanged,
}

/// <summary>Something changed for one pod; <see cref="Data"/> is the container or sandbox id.</summary>
internal readonly record struct PodLifecycleEvent(string PodUid, PodLifecycleEventType Type, string Data);
