using System.Diagnostics;
using System.Globalization;
using FastKube.Cri.Containerd;
using FastKube.Cri.Tests.Support;
using FastKube.Cri.V1;

namespace FastKube.Cri.Tests.Containerd;

/// <summary>Lifecycle of the managed containerd itself: each test starts and removes its own instances.</summary>
[Collection(ContainerdCollection.Name)]
public sealed class ManagedContainerdTests
{
    [ContainerdFact]
    public async Task StartAsync_FreshDirectory_WritesGeneratedConfigsAndServesCri()
    {
        var options = ContainerdFixture.CreateOptions();
        await using var containerd = await ManagedContainerd.StartAsync(options);

        Assert.False(containerd.Adopted);
        Assert.Equal(ContainerdConfig.Render(options, containerd.Layout), await File.ReadAllTextAsync(containerd.Layout.ConfigPath));
        Assert.Equal(CniConfig.Render(options, containerd.Layout), await File.ReadAllTextAsync(Path.Combine(containerd.Layout.CniConfigDirectory, CniConfig.FileName)));
        Assert.Equal("containerd", (await containerd.Runtime.VersionAsync()).RuntimeName);
        Assert.Equal(containerd.ProcessId.ToString(CultureInfo.InvariantCulture), await File.ReadAllTextAsync(containerd.Layout.PidPath));
    }

    [ContainerdFact]
    public async Task StartAsync_SameDirectoryStillRunning_AdoptsInsteadOfStartingTwice()
    {
        var options = ContainerdFixture.CreateOptions();
        // The first owner "crashes": it never stops its containerd, as an agent killed with SIGKILL would not.
        var first = await ManagedContainerd.StartAsync(options with { DeleteEverythingOnDispose = false });
        try
        {
            await using var second = await ManagedContainerd.StartAsync(options);

            Assert.True(second.Adopted);
            Assert.Equal(first.ProcessId, second.ProcessId);
            Assert.Equal("containerd", (await second.Runtime.VersionAsync()).RuntimeName);
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.False(Directory.Exists(options.BaseDirectory));
    }

    [ContainerdFact]
    public async Task StartAsync_ContainerdRejectsConfig_ThrowsWithLogTail()
    {
        var options = ContainerdFixture.CreateOptions() with { LogLevel = "bogus" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ManagedContainerd.StartAsync(options));

        Assert.Contains("exited", error.Message, StringComparison.Ordinal);
        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.BaseDirectory));
    }

    [ContainerdFact]
    public async Task DisposeAsync_DeleteEverythingWithRunningPod_LeavesNothingOnTheHost()
    {
        var options = ContainerdFixture.CreateOptions();
        Directory.CreateDirectory(options.BaseDirectory);
        string image = ContainerdFixture.BuildBusyboxImage(options.BaseDirectory);
        var containerd = await ManagedContainerd.StartAsync(options);
        int containerPid;
        try
        {
            await containerd.ImportImageAsync(image);
            var pod = await TestPod.RunAsync(containerd.Runtime, Path.Combine(options.BaseDirectory, "pods"), "left");
            string id = await pod.StartContainerAsync(pod.Container("app", "sleep", "300"));
            containerPid = ReadInitPid(containerd.Layout, id);
            Assert.True(Directory.Exists(Path.Combine("/sys/class/net", options.BridgeName)));
        }
        finally
        {
            await containerd.DisposeAsync();
        }

        Assert.Empty(containerd.CleanupWarnings);
        AssertGone(options, containerd.ProcessId, containerPid);
    }

    [ContainerdFact]
    public async Task DisposeAsync_ContainerdKilledWithPodRunning_KillsLeftoverTasksAndUnmounts()
    {
        var options = ContainerdFixture.CreateOptions();
        Directory.CreateDirectory(options.BaseDirectory);
        string image = ContainerdFixture.BuildBusyboxImage(options.BaseDirectory);
        var containerd = await ManagedContainerd.StartAsync(options);
        int containerPid;
        try
        {
            await containerd.ImportImageAsync(image);
            var pod = await TestPod.RunAsync(containerd.Runtime, Path.Combine(options.BaseDirectory, "pods"), "orphan");
            string id = await pod.StartContainerAsync(pod.Container("app", "sleep", "300"));
            containerPid = ReadInitPid(containerd.Layout, id);
            Assert.NotEmpty(MountInfo.MountPointsUnder(options.BaseDirectory));

            // containerd dies under the pod: CRI cannot remove it any more, only the host-side cleanup can.
            using var process = Process.GetProcessById(containerd.ProcessId);
            process.Kill();
            await process.WaitForExitAsync();
        }
        finally
        {
            await containerd.DisposeAsync();
        }

        Assert.Contains(containerd.CleanupWarnings, w => w.StartsWith("killed leftover init.pid", StringComparison.Ordinal));
        AssertGone(options, containerd.ProcessId, containerPid);
    }

    private static int ReadInitPid(ContainerdLayout layout, string containerId) =>
        int.Parse(File.ReadAllText(Path.Combine(layout.TaskDirectory, ContainerdImages.CriNamespace, containerId, "init.pid")), CultureInfo.InvariantCulture);

    private static void AssertGone(ManagedContainerdOptions options, int containerdPid, int containerPid)
    {
        Assert.False(Directory.Exists(options.BaseDirectory), $"{options.BaseDirectory} still exists");
        Assert.False(Directory.Exists(Path.Combine("/sys/class/net", options.BridgeName)), $"bridge {options.BridgeName} still exists");
        Assert.Empty(MountInfo.MountPointsUnder(options.BaseDirectory));
        Assert.False(IsRunning(containerdPid), $"containerd {containerdPid} still running");
        Assert.False(IsRunning(containerPid), $"container process {containerPid} still running");
        Assert.DoesNotContain(ManagedContainerd.ShimsOf(new ContainerdLayout(options.BaseDirectory).SocketPath), IsRunning);
    }

    /// <summary>Alive and not a zombie waiting for a reaper (this machine's pid 1 may reap late).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
