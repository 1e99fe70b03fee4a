using FastKube.Cri.V1;

namespace FastKube.Cri;

/// <summary>
/// The CRI runtime service as the kubelet loop uses it (the shape of upstream's internalapi.RuntimeService):
/// CRI v1 messages in and out, ids as strings. Implemented over gRPC by <see cref="RuntimeServiceClient"/>
/// and in memory by the simulated runtime of hollow nodes. Errors surface as
/// <see cref="FastKube.Grpc.RpcException"/> with the runtime's status (NotFound for an unknown id).
/// </summary>
public interface IRuntimeService
{
    Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Runtime conditions (RuntimeReady, NetworkReady) for the node's Ready condition.</summary>
    Task<StatusResponse> StatusAsync(bool verbose = false, CancellationToken cancellationToken = default);

    /// <summary>Creates and starts a sandbox (pause process, network namespace, CNI); returns its id.</summary>
    Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler = "", CancellationToken cancellationToken = default);

    /// <summary>Stops every container of the sandbox and releases its network; idempotent.</summary>
    Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default);

    /// <summary>Removes a stopped sandbox and its containers; idempotent.</summary>
    Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default);

    Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose = false, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a container in a sandbox (not started); returns its id.</summary>
    Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken = default);

    Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>Sends the stop signal, then SIGKILL after <paramref name="timeoutSeconds"/> (the grace period).</summary>
    Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken = default);

    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter = null, CancellationToken cancellationToken = default);

    Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose = false, CancellationToken cancellationToken = default);

    /// <summary>Runs a command in a running container and waits for it; <paramref name="timeout"/> zero means none.</summary>
    Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Asks the runtime to reopen the container's log file (after log rotation renamed it).</summary>
    Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken = default);
}
