using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.Cri;

/// <summary><see cref="IImageService"/> over gRPC (<c>runtime.v1.ImageService</c>).</summary>
public sealed class ImageServiceClient : IImageService
{
    private readonly GrpcChannel _channel;
    private readonly CriClientOptions _options;

    public ImageServiceClient(GrpcChannel channel, CriClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _options = options ?? new CriClientOptions();
    }

    public async Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var response = await _channel.UnaryAsync(CriMethods.ListImages, new ListImagesRequest { Filter = filter }, Call(cancellationToken)).ConfigureAwait(false);
        return response.Images;
    }

    public async Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken = default)
    {
        var response = await _channel.UnaryAsync(CriMethods.ImageStatus, new ImageStatusRequest { Image = image }, Call(cancellationToken)).ConfigureAwait(false);
        return response.Image is { Id.Length: > 0 } found ? found : null;
    }

    public async Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth = null, PodSandboxConfig? sandboxConfig = null, CancellationToken cancellationToken = default)
    {
        // No deadline: a large image on a slow registry legitimately takes long; the kubelet pulls without one too.
        var request = new PullImageRequest { Image = image, Auth = auth, SandboxConfig = sandboxConfig };
        var response = await _channel.UnaryAsync(CriMethods.PullImage, request, new CallOptions(CancellationToken: cancellationToken)).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.ImageRef)
            ? throw new RpcException(StatusCode.Internal, $"PullImage of {image.Image} returned an empty image reference")
            : response.ImageRef;
    }

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.RemoveImage, new RemoveImageRequest { Image = image }, Call(cancellationToken));

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken = default) =>
        _channel.UnaryAsync(CriMethods.ImageFsInfo, new ImageFsInfoRequest(), Call(cancellationToken));

    private CallOptions Call(CancellationToken cancellationToken) => new(Timeout: _options.RequestTimeout, CancellationToken: cancellationToken);
}
