using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.Cri;

/// <summary><see cref="IRuntimeService"/> over gRPC (<c>runtime.v1.RuntimeService</c>).</summary>
public sealed class RuntimeServiceClient : IRuntimeService
{
    /// <summary>The version the kubelet sends in VersionRequest (kubeRuntimeAPIVersion).</summary>
    private const string KubeRuntimeApiVersion = "0.1.0";

    private readonly GrpcChannel _channel;
    private readonly CriClientOptions _options;

    public RuntimeServiceClient(GrpcChannel channel, CriClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _options = options ?? new CriClientOptions();
    }

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.Version, new VersionRequest { Version = KubeRuntimeApiVersion }, Call(cancellationToken));

    public Task<StatusResponse> StatusAsync(bool verbose = false, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.Status, new StatusRequest { Verbose = verbose }, Call(cancellationToken));

    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler = "", CancellationToken cancellationToken = default)
    {
        var response = await _channel.UnaryAsync(
            CriMethods.RunPodSandbox, new RunPodSandboxRequest { Config = config, RuntimeHandler = runtimeHandler }, Call(cancellationToken)).ConfigureAwait(false);
        return EnsureId(response.PodSandboxId, "RunPodSandbox");
    }

    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.StopPodSandbox, new StopPodSandboxRequest { PodSandboxId = podSandboxId }, Call(cancellationToken));

    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.RemovePodSandbox, new RemovePodSandboxRequest { PodSandboxId = podSandboxId }, Call(cancellationToken));

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose = false, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.PodSandboxStatus, new PodSandboxStatusRequest { PodSandboxId = podSandboxId, Verbose = verbose }, Call(cancellationToken));

    public async Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var response = await _channel.UnaryAsync(CriMethods.ListPodSandbox, new ListPodSandboxRequest { Filter = filter }, Call(cancellationToken)).ConfigureAwait(false);
        return response.Items;
    }

    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken = default)
    {
        var request = new CreateContainerRequest { PodSandboxId = podSandboxId, Config = config, SandboxConfig = sandboxConfig };
        var response = await _channel.UnaryAsync(CriMethods.CreateContainer, request, Call(cancellationToken)).ConfigureAwait(false);
        return EnsureId(response.ContainerId, "CreateContainer");
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.StartContainer, new StartContainerRequest { ContainerId = containerId }, Call(cancellationToken));

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(
            CriMethods.StopContainer,
            new StopContainerRequest { ContainerId = containerId, Timeout = timeoutSeconds },
            Call(cancellationToken, TimeSpan.FromSeconds(Math.Max(0, timeoutSeconds))));

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.RemoveContainer, new RemoveContainerRequest { ContainerId = containerId }, Call(cancellationToken));

    public async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var response = await _channel.UnaryAsync(CriMethods.ListContainers, new ListContainersRequest { Filter = filter }, Call(cancellationToken)).ConfigureAwait(false);
        return response.Containers;
    }

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose = false, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.ContainerStatus, new ContainerStatusRequest { ContainerId = containerId, Verbose = verbose }, Call(cancellationToken));

    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        // CRI takes whole seconds; round up so a probe's timeout is never cut short.
        long seconds = timeout <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(timeout.TotalSeconds);
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = seconds };
        request.Cmd.AddRange(command);
        // Like the kubelet: no client deadline when the exec itself has none, else exec timeout + request timeout.
        var options = seconds == 0
            ? new CallOptions(CancellationToken: cancellationToken)
            : Call(cancellationToken, TimeSpan.FromSeconds(seconds));
        return _channel.UnaryAsync(CriMethods.ExecSync, request, options);
    }

    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.ReopenContainerLog, new ReopenContainerLogRequest { ContainerId = containerId }, Call(cancellationToken));

    private CallOptions Call(CancellationToken cancellationToken, TimeSpan extra = default) =>
        new(Timeout: _options.RequestTimeout + extra, CancellationToken: cancellationToken);

    private static string EnsureId(string id, string rpc) =>
        string.IsNullOrEmpty(id) ? throw new RpcException(StatusCode.Internal, $"{rpc} returned an empty id") : id;
}
