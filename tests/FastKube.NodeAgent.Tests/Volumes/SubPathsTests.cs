using FastKube.NodeAgent.Volumes;

namespace FastKube.NodeAgent.Tests.Volumes;

public sealed class SubPathsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fk-subpath-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Prepare_MissingSubPath_CreatedWithVolumeMode()
    {
        var volume = Directory.CreateDirectory(Path.Combine(_dir, "vol")).FullName;
        File.SetUnixFileMode(volume, (UnixFileMode)0x1FF);

        Assert.Null(SubPaths.Prepare(volume, Path.Combine(volume, "a", "b")));

        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(Path.Combine(volume, "a", "b")));
    }

    [Fact]
    public void Prepare_SymlinkOutOfTheVolume_Rejected()
    {
        var volume = Directory.CreateDirectory(Path.Combine(_dir, "vol")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_dir, "host")).FullName;
        File.CreateSymbolicLink(Path.Combine(volume, "escape"), "../host");

        var error = SubPaths.Prepare(volume, Path.Combine(volume, "escape"));

        Assert.Equal($"subpath \"{outside}\" not within volume path \"{volume}\"", error);
    }

    [Fact]
    public void Prepare_SymlinkInsideTheVolume_Allowed()
    {
        var volume = Directory.CreateDirectory(Path.Combine(_dir, "vol")).FullName;
        Directory.CreateDirectory(Path.Combine(volume, "..2026_11_22"));
        File.WriteAllText(Path.Combine(volume, "..2026_11_22", "key"), "v");
        File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..2026_11_22");
        File.CreateSymbolicLink(Path.Combine(volume, "key"), "..data/key");

        Assert.Null(SubPaths.Prepare(volume, Path.Combine(volume, "key")));
    }

    [Fact]
    public void Resolve_LinkLoop_Null()
    {
        File.CreateSymbolicLink(Path.Combine(_dir, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(_dir, "b"), "a");

        Assert.Null(SubPaths.Resolve(Path.Combine(_dir, "a", "x")));
    }
}
