using System.CommandLine;
using System.Globalization;
using FastKube.Cluster;
using FastKube.Cri;
using FastKube.Cri.Containerd;

namespace FastKube.Agent;

/// <summary>
/// <c>fastkube images import FILE...</c> and <c>fastkube images list</c>: the images of the node's containerd,
/// by default the one <c>fastkube up</c> manages under its data directory. Import goes through ctr (CRI has no
/// import call); listing is CRI ListImages, what the kubelet sees.
/// </summary>
internal static class ImagesCommand
{
    public static Command Create()
    {
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "fastkube up's data directory whose managed containerd to use (default: $HOME/.fastkube).", Recursive = true };
        var address = new Option<string?>("--address") { Description = "A containerd socket to use instead (e.g. /run/containerd/containerd.sock).", Recursive = true };
        var files = new Argument<FileInfo[]>("FILE") { Description = "OCI or docker-archive image tarballs.", Arity = ArgumentArity.OneOrMore };

        var import = new Command("import", "Load image tarballs into the node's containerd (CRI namespace k8s.io).") { files };
        import.SetAction(async (parse, cancellationToken) =>
        {
            if (Socket(parse.GetValue(dataDir), parse.GetValue(address)) is not { } socket)
            {
                return 1;
            }

            foreach (var file in parse.GetValue(files)!)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"fastkube images import: {file.FullName}: no such file").ConfigureAwait(false);
                    return 1;
                }

                try
                {
                    await ContainerdImages.ImportAsync(socket, file.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    await Console.Error.WriteLineAsync($"fastkube images import: {file.FullName}: {e.Message}").ConfigureAwait(false);
                    return 1;
                }

                Console.WriteLine($"imported {file.FullName}");
            }

            return 0;
        });

        var list = new Command("list", "List the images the node's container runtime holds (CRI ListImages).");
        list.SetAction(async (parse, cancellationToken) =>
        {
            if (Socket(parse.GetValue(dataDir), parse.GetValue(address)) is not { } socket)
            {
                return 1;
            }

            using var runtime = CriRuntime.Connect(socket);
            var images = await runtime.ListImagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            Console.WriteLine("IMAGE\tID\tSIZE");
            foreach (var image in images.OrderBy(i => i.RepoTags.FirstOrDefault() ?? i.Id, StringComparer.Ordinal))
            {
                var id = image.Id.StartsWith("sha256:", StringComparison.Ordinal) ? image.Id[7..19] : image.Id;
                var name = image.RepoTags.Count > 0 ? string.Join(",", image.RepoTags) : "<none>";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{id}\t{image.Size}"));
            }

            return 0;
        });

        return new Command("images", "Manage the node's container images.") { dataDir, address, import, list };
    }

    // The socket to use, or null after saying why there is none.
    private static string? Socket(DirectoryInfo? dataDir, string? address)
    {
        if (!string.IsNullOrEmpty(address))
        {
            return address.StartsWith("unix://", StringComparison.Ordinal) ? address["unix://".Length..] : address;
        }

        var root = dataDir?.FullName ?? new ClusterConfiguration().DataDir;
        var socket = new ContainerdLayout(Path.Combine(root, UpCommand.AgentDirectory, "containerd")).SocketPath;
        if (File.Exists(socket))
        {
            return socket;
        }

        Console.Error.WriteLine($"fastkube images: no containerd socket at {socket}: start `fastkube up --data-dir {root}` first, or pass --address");
        return null;
    }
}
