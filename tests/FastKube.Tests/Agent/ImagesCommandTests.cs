using FastKube.Tests.Support;

namespace FastKube.Tests.Agent;

/// <summary><c>fastkube images</c> without a running containerd: the errors say what is missing and where.</summary>
public sealed class ImagesCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fastkube-images-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task List_NoManagedContainerd_ExitsNamingTheSocket()
    {
        var (exitCode, _, error) = await FastKubeProcess.RunAsync("images", "list", "--data-dir", _dataDir);

        Assert.Equal(1, exitCode);
        Assert.Contains($"no containerd socket at {_dataDir}/agent/containerd/containerd.sock", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingTarball_ExitsNamingTheFile()
    {
        var tarball = Path.Combine(_dataDir, "missing.tar");

        var (exitCode, _, error) = await FastKubeProcess.RunAsync("images", "import", "--address", Path.Combine(_dataDir, "containerd.sock"), tarball);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{tarball}: no such file", error, StringComparison.Ordinal);
    }
}
