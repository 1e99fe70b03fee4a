using System.Net.Sockets;
using FastKube.NodeAgent.Volumes;

namespace FastKube.NodeAgent.Tests.Volumes;

public sealed class HostPathCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fk-hostpath-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Check_UnsetType_NothingChecked() =>
        Assert.Null(HostPathCheck.Check(Path.Combine(_dir, "missing"), ""));

    [Fact]
    public void Check_DirectoryOrCreate_CreatesDirectory0755()
    {
        var path = Path.Combine(_dir, "a", "b");

        Assert.Null(HostPathCheck.Check(path, "DirectoryOrCreate"));

        Assert.True(Directory.Exists(path));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Check_FileOrCreate_CreatesEmptyFile()
    {
        var path = Path.Combine(_dir, "f");

        Assert.Null(HostPathCheck.Check(path, "FileOrCreate"));

        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void Check_FileOrCreateOnDirectory_NotAFile() =>
        Assert.Equal($"hostPath type check failed: {_dir} is not a file", HostPathCheck.Check(_dir, "FileOrCreate"));

    [Theory]
    [InlineData("Directory", "directory")]
    [InlineData("File", "file")]
    [InlineData("Socket", "socket file")]
    [InlineData("CharDevice", "character device")]
    [InlineData("BlockDevice", "block device")]
    public void Check_Missing_UpstreamMessage(string type, string description)
    {
        var path = Path.Combine(_dir, "missing");

        Assert.Equal($"hostPath type check failed: {path} is not a {description}", HostPathCheck.Check(path, type));
        Assert.False(Path.Exists(path));
    }

    [Fact]
    public void Check_MatchingTypes_Pass()
    {
        var file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "x");
        var socketPath = Path.Combine(_dir, "sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        Assert.Null(HostPathCheck.Check(_dir, "Directory"));
        Assert.Null(HostPathCheck.Check(file, "File"));
        Assert.Null(HostPathCheck.Check(socketPath, "Socket"));
        Assert.Null(HostPathCheck.Check("/dev/null", "CharDevice"));
        Assert.Equal("hostPath type check failed: /dev/null is not a block device", HostPathCheck.Check("/dev/null", "BlockDevice"));
        Assert.Equal($"hostPath type check failed: {file} is not a directory", HostPathCheck.Check(file, "Directory"));
    }

    [Fact]
    public void Check_SymlinkToDirectory_FollowedAsUpstreamStatDoes()
    {
        var link = Path.Combine(_dir, "link");
        File.CreateSymbolicLink(link, _dir);

        Assert.Null(HostPathCheck.Check(link, "Directory"));
    }
}
