using FastKube.Cri.V1;

namespace FastKube.Cri;

/// <summary>The CRI image service as the kubelet loop uses it (upstream's internalapi.ImageManagerService).</summary>
public interface IImageService
{
    Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>The image, or null when the runtime does not have it (CRI answers OK with no image).</summary>
    Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken = default);

    /// <summary>Pulls the image; returns its reference (the image id or digest) as the runtime reports it.</summary>
    Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth = null, PodSandboxConfig? sandboxConfig = null, CancellationToken cancellationToken = default);

    Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken = default);

    Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken = default);
}
