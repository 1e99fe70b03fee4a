namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// Upstream's hostPath type check at mount time: "" checks nothing; DirectoryOrCreate and FileOrCreate create a
/// missing path (directory 0755 with its parents, empty file 0644) and then check the type like Directory and
/// File; the others require that type. Symlinks are followed, as os.Stat does.
/// </summary>
internal static class HostPathCheck
{
    private const int S_IFSOCK = 0xC000;
    private const int S_IFREG = 0x8000;
    private const int S_IFBLK = 0x6000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFCHR = 0x2000;

    /// <summary>Null when <paramref name="path"/> passes the check for <paramref name="type"/>; otherwise upstream's message.</summary>
    public static string? Check(string path, string? type)
    {
        switch (type ?? "")
        {
            case "":
                return null;
            case "DirectoryOrCreate":
                if (LibC.FileType(path) is null)
                {
                    Directory.CreateDirectory(path, (UnixFileMode)0x1ED);
                }

                return Expect(path, S_IFDIR, "directory");
            case "Directory":
                return Expect(path, S_IFDIR, "directory");
            case "FileOrCreate":
                if (LibC.FileType(path) is null)
                {
                    using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = (UnixFileMode)0x1A4 });
                }

                return Expect(path, S_IFREG, "file");
            case "File":
                return Expect(path, S_IFREG, "file");
            case "Socket":
                return Expect(path, S_IFSOCK, "socket file");
            case "CharDevice":
                return Expect(path, S_IFCHR, "character device");
            case "BlockDevice":
                return Expect(path, S_IFBLK, "block device");
            default:
                return $"{type} is an invalid volume type";
        }
    }

    /// <summary>
    /// A missing path reads as the wrong type: "hostPath type check failed: /x is not a directory" is the text
    /// users see from upstream kubelets for both cases.
    /// </summary>
    private static string? Expect(string path, int fileType, string description) =>
        LibC.FileType(path) == fileType ? null : $"hostPath type check failed: {path} is not a {description}";
}
