using System.Security.Cryptography;
using System.Text;
using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.NodeAgent.Simulated;

public sealed partial class SimulatedRuntime
{
    private readonly Dictionary<string, Image> _images = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<Image> images = filter?.Image is { Image.Length: > 0 } spec
                ? FindImage(spec.Image) is { } one ? [one.Clone()] : []
                : _images.Values.Select(i => i.Clone()).ToList();
            return Task.FromResult(images);
        }
    }

    public Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(FindImage(image.Image)?.Clone());
        }
    }

    public Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth = null, PodSandboxConfig? sandboxConfig = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Count("PullImage");
            var name = Normalize(image.Image);
            if (_options.UnpullableImages.Select(Normalize).Contains(name))
            {
                throw new RpcException(StatusCode.Unknown, $"failed to pull and unpack image \"{name}\": failed to resolve reference \"{name}\": not found");
            }

            return Task.FromResult(AddImage(name).Id);
        }
    }

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (FindImage(image.Image) is { } found)
            {
                _images.Remove(found.RepoTags[0]);
            }

            return Task.CompletedTask;
        }
    }

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ImageFsInfoResponse());

    private Image? FindImage(string reference)
    {
        var name = Normalize(reference);
        if (_images.TryGetValue(name, out var image))
        {
            return image;
        }

        return _images.Values.FirstOrDefault(i => i.Id == reference);
    }

    private Image AddImage(string reference)
    {
        var name = Normalize(reference);
        if (!_images.TryGetValue(name, out var image))
        {
            // A stable digest per name, so imageID is the same on every node, as for one real image.
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
            image = new Image { Id = digest, RepoTags = { name }, Size = 1_000_000 };
            _images[name] = image;
        }

        return image;
    }

    /// <summary>Docker's reference defaults: docker.io/library/ for a bare name, :latest without tag or digest.</summary>
    private static string Normalize(string reference)
    {
        var name = reference;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var domain = slash < 0 ? "" : name[..slash];
        if (slash < 0)
        {
            name = "docker.io/library/" + name;
        }
        else if (!domain.Contains('.', StringComparison.Ordinal) && !domain.Contains(':', StringComparison.Ordinal) && domain != "localhost")
        {
            name = "docker.io/" + name;
        }

        var lastSlash = name.LastIndexOf('/');
        return name.IndexOf(':', lastSlash) < 0 && !name.Contains('@', StringComparison.Ordinal) ? name + ":latest" : name;
    }
}
