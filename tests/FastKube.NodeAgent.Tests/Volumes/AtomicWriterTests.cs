using System.Text;
using FastKube.NodeAgent.Volumes;

namespace FastKube.NodeAgent.Tests.Volumes;

public sealed class AtomicWriterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 4, 5, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("fk-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_FreshDirectory_TimestampedDataDirAndVisibleLinks()
    {
        var (changed, error) = AtomicWriter.Write(_dir, Payload(("a", "1"), ("nested/b", "2")), Now);

        Assert.Null(error);
        Assert.True(changed);
        var data = new FileInfo(Path.Combine(_dir, "..data")).LinkTarget;
        Assert.NotNull(data);
        Assert.Matches(@"^\.\.2026_11_22_10_04_05\.\d+$", data);
        Assert.Equal("..data/a", new FileInfo(Path.Combine(_dir, "a")).LinkTarget);
        Assert.Equal("..data/nested", new FileInfo(Path.Combine(_dir, "nested")).LinkTarget);
        Assert.Equal("1", File.ReadAllText(Path.Combine(_dir, "a")));
        Assert.Equal("2", File.ReadAllText(Path.Combine(_dir, "nested", "b")));
        Assert.Equal([data, "..data", "a", "nested"], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_SamePayloadAgain_Unchanged()
    {
        AtomicWriter.Write(_dir, Payload(("a", "1")), Now);
        var before = new FileInfo(Path.Combine(_dir, "..data")).LinkTarget;

        var (changed, error) = AtomicWriter.Write(_dir, Payload(("a", "1")), Now.AddMinutes(1));

        Assert.Null(error);
        Assert.False(changed);
        Assert.Equal(before, new FileInfo(Path.Combine(_dir, "..data")).LinkTarget);
    }

    [Fact]
    public void Write_ChangedContent_SwapsDataLinkAndRemovesOldDirectory()
    {
        AtomicWriter.Write(_dir, Payload(("a", "1")), Now);
        var old = new FileInfo(Path.Combine(_dir, "..data")).LinkTarget!;

        var (changed, _) = AtomicWriter.Write(_dir, Payload(("a", "2")), Now.AddMinutes(1));

        Assert.True(changed);
        var current = new FileInfo(Path.Combine(_dir, "..data")).LinkTarget!;
        Assert.StartsWith("..2026_11_22_10_05_05.", current, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, old)));
        Assert.False(File.Exists(Path.Combine(_dir, "..data_tmp")));
        Assert.Equal("2", File.ReadAllText(Path.Combine(_dir, "a")));
    }

    [Fact]
    public void Write_KeyRemoved_VisibleLinkDisappears()
    {
        AtomicWriter.Write(_dir, Payload(("a", "1"), ("b", "2"), ("dir/c", "3")), Now);

        AtomicWriter.Write(_dir, Payload(("a", "1")), Now.AddMinutes(1));

        Assert.Null(new FileInfo(Path.Combine(_dir, "b")).LinkTarget);
        Assert.False(Path.Exists(Path.Combine(_dir, "b")));
        Assert.Null(new FileInfo(Path.Combine(_dir, "dir")).LinkTarget);
        Assert.Equal("1", File.ReadAllText(Path.Combine(_dir, "a")));
    }

    [Fact]
    public void Write_Modes_AppliedExactlyWhateverTheUmask()
    {
        var payload = new Dictionary<string, FileProjection>
        {
            ["secret"] = new(Encoding.UTF8.GetBytes("s"), 0x100), // 0400
            ["script"] = new(Encoding.UTF8.GetBytes("x"), 0x1FF), // 0777
        };

        AtomicWriter.Write(_dir, payload, Now);

        var data = Path.Combine(_dir, "..data");
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(data, "secret")));
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(Path.Combine(data, "script")));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(_dir, new FileInfo(data).LinkTarget!)));
    }

    [Fact]
    public void Write_ModeOnlyChange_Rewritten()
    {
        AtomicWriter.Write(_dir, new Dictionary<string, FileProjection> { ["a"] = new([1], 0x1A4) }, Now);

        var (changed, _) = AtomicWriter.Write(_dir, new Dictionary<string, FileProjection> { ["a"] = new([1], 0x124) }, Now);

        Assert.True(changed);
        Assert.Equal((UnixFileMode)0x124, File.GetUnixFileMode(Path.Combine(_dir, "..data", "a")));
    }

    [Theory]
    [InlineData("/abs", "invalid path: must be relative path: /abs")]
    [InlineData("a/../b", "invalid path: must not contain '..': a/../b")]
    [InlineData("..data", "invalid path: must not start with '..': ..data")]
    [InlineData("", "invalid path: must not be empty: \"\"")]
    public void Write_InvalidPath_ErrorAndNothingWritten(string path, string expected)
    {
        var (changed, error) = AtomicWriter.Write(_dir, Payload((path, "x")), Now);

        Assert.False(changed);
        Assert.Equal(expected, error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    private static Dictionary<string, FileProjection> Payload(params (string Path, string Text)[] files) =>
        files.ToDictionary(f => f.Path, f => new FileProjection(Encoding.UTF8.GetBytes(f.Text), 0x1A4));
}
