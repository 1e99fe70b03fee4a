using FastKube.Cri.V1;

namespace FastKube.NodeAgent.Pleg;

/// <summary>What the runtime holds for one pod: its sandboxes and containers (every attempt), newest first.</summary>
internal sealed record RuntimePod(string Uid, IReadOnlyList<RuntimeSandbox> Sandboxes, IReadOnlyList<RuntimeContainer> Containers)
{
    public static RuntimePod Empty(string uid) => new(uid, [], []);

    /// <summary>The newest sandbox that is ready, if any.</summary>
    public RuntimeSandbox? ReadySandbox => Sandboxes.FirstOrDefault(s => s.State == PodSandboxState.SandboxReady);

    /// <summary>Instances of one container, newest (highest restart count) first.</summary>
    public IEnumerable<RuntimeContainer> Instances(string name) => Containers.Where(c => c.Name == name);

    public RuntimeContainer? Latest(string name) => Containers.FirstOrDefault(c => c.Name == name);
}

internal sealed record RuntimeSandbox(string Id, uint Attempt, PodSandboxState State, long CreatedAt, string Ip);

/// <summary>One container instance with the status fields the pod status needs; times are Unix nanoseconds.</summary>
internal sealed record RuntimeContainer(
    string Id,
    string SandboxId,
    string Name,
    int RestartCount,
    string Hash,
    ContainerState State,
    long CreatedAt,
    long StartedAt,
    long FinishedAt,
    int ExitCode,
    string Reason,
    string Message,
    string ImageRef)
{
    public bool IsRunning => State == ContainerState.ContainerRunning;

    public bool IsExited => State == ContainerState.ContainerExited;
}
