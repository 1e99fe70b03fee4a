namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// subPath preparation: a missing subPath is created as a directory with the volume directory's mode (upstream
/// creates it before the runtime would, with the wrong owner and mode), and the path must resolve, symlinks
/// followed, to a place inside the volume: a container could otherwise plant a symlink in a shared emptyDir
/// and have another container's subPath mount reach the node's filesystem. The check runs before CRI
/// CreateContainer, so a link swapped in between is not caught (upstream closes that race by bind-mounting
/// an opened file descriptor; FastKube does not).
/// </summary>
internal static class SubPaths
{
    /// <summary>Linux's limit on symlinks followed in one lookup (ELOOP beyond it).</summary>
    private const int MaxSymlinks = 40;

    public static string? Prepare(string volumePath, string hostPath)
    {
        var volumeReal = Resolve(volumePath);
        var real = Resolve(hostPath);
        if (volumeReal is null || real is null)
        {
            return $"failed to resolve subPath {hostPath}: too many levels of symbolic links";
        }

        if (real != volumeReal && !real.StartsWith(volumeReal + "/", StringComparison.Ordinal))
        {
            return $"subpath \"{real}\" not within volume path \"{volumeReal}\"";
        }

        if (LibC.FileType(real) is null)
        {
            Directory.CreateDirectory(real).UnixFileMode = new DirectoryInfo(volumeReal).UnixFileMode;
        }

        return null;
    }

    /// <summary>The absolute path with every existing symlink component resolved (realpath, tolerating a missing tail); null on a loop.</summary>
    public static string? Resolve(string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = "/" + string.Join('/', resolved.Append(part));
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxSymlinks)
            {
                return null;
            }

            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var piece in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(piece);
            }
        }

        return "/" + string.Join('/', resolved);
    }
}
