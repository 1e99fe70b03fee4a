using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.Cri;

/// <summary>
/// A CRI runtime reached over its endpoint (containerd, CRI-O): one gRPC channel shared by the runtime and
/// image clients. This is the <see cref="IContainerRuntime"/> the kubelet loop gets on a real node.
/// </summary>
public sealed class CriRuntime : IContainerRuntime, IDisposable
{
    private readonly GrpcChannel _channel;

    private CriRuntime(GrpcChannel channel, CriClientOptions options, string endpoint)
    {
        _channel = channel;
        Endpoint = endpoint;
        Runtime = new RuntimeServiceClient(channel, options);
        Images = new ImageServiceClient(channel, options);
    }

    /// <summary>The endpoint as given, e.g. <c>unix:///run/containerd/containerd.sock</c>.</summary>
    public string Endpoint { get; }

    public RuntimeServiceClient Runtime { get; }

    public ImageServiceClient Images { get; }

    /// <summary>
    /// Connects (lazily: the first call opens the socket) to a kubelet-style runtime endpoint:
    /// <c>unix:///path</c>, or a bare absolute socket path.
    /// </summary>
    public static CriRuntime Connect(string endpoint, CriClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        options ??= new CriClientOptions();
        string path = endpoint.StartsWith("unix://", StringComparison.Ordinal) ? endpoint["unix://".Length..] : endpoint;
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"CRI endpoint must be unix:///absolute/path or an absolute socket path, not \"{endpoint}\"", nameof(endpoint));
        }

        var channel = GrpcChannel.ForUnixSocket(path, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = options.MaxMessageSize,
            MaxSendMessageSize = options.MaxMessageSize,
        });
        return new CriRuntime(channel, options, endpoint);
    }

    public void Dispose() => _channel.Dispose();

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default) => Runtime.VersionAsync(cancellationToken);

    public Task<StatusResponse> StatusAsync(bool verbose = false, CancellationToken cancellationToken = default) => Runtime.StatusAsync(verbose, cancellationToken);

    public Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler = "", CancellationToken cancellationToken = default) =>
        Runtime.RunPodSandboxAsync(config, runtimeHandler, cancellationToken);

    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) => Runtime.StopPodSandboxAsync(podSandboxId, cancellationToken);

    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) => Runtime.RemovePodSandboxAsync(podSandboxId, cancellationToken);

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose = false, CancellationToken cancellationToken = default) =>
        Runtime.PodSandboxStatusAsync(podSandboxId, verbose, cancellationToken);

    public Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter = null, CancellationToken cancellationToken = default) =>
        Runtime.ListPodSandboxAsync(filter, cancellationToken);

    public Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken = default) =>
        Runtime.CreateContainerAsync(podSandboxId, config, sandboxConfig, cancellationToken);

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default) => Runtime.StartContainerAsync(containerId, cancellationToken);

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken = default) =>
        Runtime.StopContainerAsync(containerId, timeoutSeconds, cancellationToken);

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default) => Runtime.RemoveContainerAsync(containerId, cancellationToken);

    public Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter = null, CancellationToken cancellationToken = default) =>
        Runtime.ListContainersAsync(filter, cancellationToken);

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose = false, CancellationToken cancellationToken = default) =>
        Runtime.ContainerStatusAsync(containerId, verbose, cancellationToken);

    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Runtime.ExecSyncAsync(containerId, command, timeout, cancellationToken);

    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken = default) => Runtime.ReopenContainerLogAsync(containerId, cancellationToken);

    public Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter = null, CancellationToken cancellationToken = default) => Images.ListImagesAsync(filter, cancellationToken);

    public Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken = default) => Images.ImageStatusAsync(image, cancellationToken);

    public Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth = null, PodSandboxConfig? sandboxConfig = null, CancellationToken cancellationToken = default) =>
        Images.PullImageAsync(image, auth, sandboxConfig, cancellationToken);

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken = default) => Images.RemoveImageAsync(image, cancellationToken);

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken = default) => Images.ImageFsInfoAsync(cancellationToken);
}
