using System.Formats.Tar;
using System.Text.Json;
using FastKube.Cri.Tests.Support;

namespace FastKube.Cri.Tests.Containerd;

/// <summary>scripts/build-busybox-image: an OCI layout that containerd imports under the FastKube name, built reproducibly.</summary>
public sealed class BusyboxImageTests
{
    // Needs only busybox-static and python3, but it is the containerd tests' image, so it shares their skip rule.
    [ContainerdFact]
    public async Task Build_Twice_ByteIdenticalOciLayoutNamedForContainerd()
    {
        string first = Directory.CreateTempSubdirectory("fk-image-").FullName;
        string second = Directory.CreateTempSubdirectory("fk-image-").FullName;
        try
        {
            byte[] a = await File.ReadAllBytesAsync(ContainerdFixture.BuildBusyboxImage(first));
            byte[] b = await File.ReadAllBytesAsync(ContainerdFixture.BuildBusyboxImage(second));

            Assert.Equal(a, b);
            var files = ReadTar(a);
            Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", System.Text.Encoding.UTF8.GetString(files["oci-layout"]));
            using var index = JsonDocument.Parse(files["index.json"]);
            var manifest = index.RootElement.GetProperty("manifests")[0];
            Assert.Equal(ContainerdFixture.BusyboxImage, manifest.GetProperty("annotations").GetProperty("io.containerd.image.name").GetString());
            using var manifestJson = JsonDocument.Parse(Blob(files, manifest.GetProperty("digest").GetString()!));
            using var config = JsonDocument.Parse(Blob(files, manifestJson.RootElement.GetProperty("config").GetProperty("digest").GetString()!));
            Assert.Equal(["sleep", "infinity"], config.RootElement.GetProperty("config").GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));

            var layer = ReadTarEntries(Blob(files, manifestJson.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!));
            Assert.Equal(TarEntryType.RegularFile, layer["bin/busybox"].EntryType);
            foreach (string applet in new[] { "bin/sh", "bin/echo", "bin/sleep", "bin/cat", "usr/bin/wget", "usr/bin/nc", "usr/sbin/httpd", "bin/ls", "usr/bin/env" })
            {
                Assert.True(layer.TryGetValue(applet, out var link), $"{applet} missing from the layer");
                Assert.Equal(TarEntryType.SymbolicLink, link.EntryType);
            }

            Assert.All(layer.Values, entry => Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), entry.ModificationTime));
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    private static byte[] Blob(Dictionary<string, byte[]> files, string digest) => files["blobs/sha256/" + digest["sha256:".Length..]];

    private static Dictionary<string, byte[]> ReadTar(byte[] tar)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                files[entry.Name] = copy.ToArray();
            }
        }

        return files;
    }

    private static Dictionary<string, TarEntry> ReadTarEntries(byte[] tar)
    {
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            entries[entry.Name] = entry;
        }

        return entries;
    }
}
