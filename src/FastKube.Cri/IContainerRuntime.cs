namespace FastKube.Cri;

/// <summary>
/// Everything the kubelet loop needs from a container runtime: the CRI runtime and image services. The
/// real one is <see cref="CriRuntime"/> (containerd over its socket); hollow nodes use an in-memory one.
/// </summary>
public interface IContainerRuntime : IRuntimeService, IImageService
{
}
