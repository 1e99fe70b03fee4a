using System.Diagnostics;
using System.Security.Cryptography;
using FastKube.Api.Tests.Serialization.MessagePack;
using FastKube.Cri.Containerd;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace FastKube.Cri.Tests.Support;

/// <summary>
/// One managed containerd per test class, in its own short temp directory (the socket path limit), with
/// its own bridge name, CNI network name and pod CIDR so instances never collide, and the busybox image
/// built by scripts/build-busybox-image and imported. Dispose removes every pod, stops containerd and
/// deletes everything it made on the host, even after failed tests.
/// </summary>
public sealed class ContainerdFixture : IAsyncLifetime
{
    public const string BusyboxImage = "localhost/fastkube/busybox:latest";

    private readonly IMessageSink _diagnostics;
    private ManagedContainerd? _containerd;

    public ContainerdFixture(IMessageSink diagnostics)
    {
        _diagnostics = diagnostics;
    }

    public ManagedContainerd Containerd => _containerd ?? throw new InvalidOperationException("containerd is not running: " + ContainerdFactAttribute.MissingReason);

    public CriRuntime Runtime => Containerd.Runtime;

    /// <summary>Distinct names and a distinct 10.2xx.y.0/24 per instance.</summary>
    public static ManagedContainerdOptions CreateOptions()
    {
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        return new ManagedContainerdOptions
        {
            BaseDirectory = Path.Combine("/tmp", "fk-cri-" + suffix),
            PodCidr = $"10.{RandomNumberGenerator.GetInt32(200, 250)}.{RandomNumberGenerator.GetInt32(0, 256)}.0/24",
            BridgeName = "fkt" + suffix,
            NetworkName = "fastkube-test-" + suffix,
            IpMasquerade = false,
            DeleteEverythingOnDispose = true,
        };
    }

    /// <summary>Builds the busybox OCI tarball into <paramref name="directory"/> with the repository's script.</summary>
    public static string BuildBusyboxImage(string directory)
    {
        string output = Path.Combine(directory, "busybox.tar");
        var start = new ProcessStartInfo(Golden.PathOf("scripts/build-busybox-image"), [output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"build-busybox-image failed: {stdout} {stderr}");
        return output;
    }

    public async Task InitializeAsync()
    {
        if (ContainerdFactAttribute.MissingReason is not null)
        {
            return;
        }

        var options = CreateOptions();
        Directory.CreateDirectory(options.BaseDirectory);
        string image = BuildBusyboxImage(options.BaseDirectory);
        _containerd = await ManagedContainerd.StartAsync(options);
        await _containerd.ImportImageAsync(image);
    }

    public async Task DisposeAsync()
    {
        if (_containerd is null)
        {
            return;
        }

        await _containerd.DisposeAsync();
        foreach (string warning in _containerd.CleanupWarnings)
        {
            _diagnostics.OnMessage(new DiagnosticMessage("containerd cleanup: " + warning));
        }
    }
}
