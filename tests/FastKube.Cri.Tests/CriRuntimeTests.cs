using System.Net;
using System.Text.RegularExpressions;
using FastKube.Cri.Containerd;
using FastKube.Cri.Tests.Support;
using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.Cri.Tests;

/// <summary>The CRI client against a real containerd 1.6 that the fixture runs.</summary>
[Collection(ContainerdCollection.Name)]
public sealed partial class CriRuntimeTests(ContainerdFixture fixture) : IClassFixture<ContainerdFixture>
{
    private CriRuntime Runtime => fixture.Runtime;

    private string LogRoot => Path.Combine(fixture.Containerd.Layout.BaseDirectory, "pods");

    [ContainerdFact]
    public async Task VersionAsync_ManagedContainerd_ReportsContainerdSpeakingV1()
    {
        var version = await Runtime.VersionAsync();

        Assert.Equal("containerd", version.RuntimeName);
        Assert.Equal("v1", version.RuntimeApiVersion);
        Assert.StartsWith("1.", version.RuntimeVersion, StringComparison.Ordinal);
    }

    [ContainerdFact]
    public async Task StatusAsync_Started_RuntimeAndNetworkReady()
    {
        var status = await Runtime.StatusAsync();

        Assert.Contains(status.Status.Conditions, c => c is { Type: "RuntimeReady", Status: true });
        Assert.Contains(status.Status.Conditions, c => c is { Type: "NetworkReady", Status: true });
    }

    [ContainerdFact]
    public async Task ImageStatusAsync_ImportedBusybox_FoundAndListed()
    {
        var image = await Runtime.ImageStatusAsync(new ImageSpec { Image = ContainerdFixture.BusyboxImage });
        var images = await Runtime.ListImagesAsync();

        Assert.NotNull(image);
        Assert.Contains(ContainerdFixture.BusyboxImage, image.RepoTags);
        Assert.StartsWith("sha256:", image.Id, StringComparison.Ordinal);
        Assert.Contains(images, i => i.Id == image.Id);
    }

    [ContainerdFact]
    public async Task ImageStatusAsync_UnknownImage_ReturnsNull()
    {
        Assert.Null(await Runtime.ImageStatusAsync(new ImageSpec { Image = "localhost/fastkube/no-such-image:latest" }));
    }

    [ContainerdFact]
    public async Task PullImageAsync_NoRegistryReachable_ThrowsRpcException()
    {
        // localhost has no registry: the pull fails fast with connection refused, on loopback only.
        var error = await Assert.ThrowsAsync<RpcException>(
            () => Runtime.PullImageAsync(new ImageSpec { Image = "localhost:1/fastkube/no-such-image:latest" }));

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        Assert.Contains("no-such-image", error.Detail, StringComparison.Ordinal);
    }

    [ContainerdFact]
    public async Task ImageFsInfoAsync_Overlayfs_ReportsMountpointUnderRoot()
    {
        var info = await Runtime.ImageFsInfoAsync();

        var filesystem = Assert.Single(info.ImageFilesystems);
        Assert.StartsWith(fixture.Containerd.Layout.RootDirectory, filesystem.FsId.Mountpoint, StringComparison.Ordinal);

        // containerd refreshes usage on a timer, so a fresh instance may still report 0; the field must be there.
        Assert.NotNull(filesystem.UsedBytes);
    }

    [ContainerdFact]
    public async Task RunPodSandboxAsync_CniBridge_ReadyWithIpInPodCidr()
    {
        await using var pod = await TestPod.RunAsync(Runtime, LogRoot, "net");

        var status = (await Runtime.PodSandboxStatusAsync(pod.Id)).Status;

        Assert.Equal(PodSandboxState.SandboxReady, status.State);
        Assert.Equal(pod.Config.Metadata.Uid, status.Metadata.Uid);
        var podCidr = CniConfig.ParsePodCidr(fixture.Containerd.Options.PodCidr);
        Assert.True(podCidr.Contains(IPAddress.Parse(status.Network.Ip)), $"pod IP {status.Network.Ip} is outside {podCidr}");
        Assert.Contains(await Runtime.ListPodSandboxAsync(new PodSandboxFilter { Id = pod.Id }), s => s.Id == pod.Id);
    }

    [ContainerdFact]
    public async Task CreateContainerAsync_EchoThenSleep_RunningAndLogHasCriLine()
    {
        await using var pod = await TestPod.RunAsync(Runtime, LogRoot, "logs");
        string id = await pod.StartContainerAsync(pod.Container("app", "sh", "-c", "echo hello; sleep 30"));

        var status = (await Runtime.ContainerStatusAsync(id)).Status;
        string logPath = Path.Combine(pod.Config.LogDirectory, "app", "0.log");
        string log = await Eventually.WaitAsync(
            () => Task.FromResult(File.Exists(logPath) ? File.ReadAllText(logPath) : string.Empty),
            text => text.Contains('\n', StringComparison.Ordinal),
            $"a line in {logPath}");

        Assert.Equal(ContainerState.ContainerRunning, status.State);
        Assert.Equal(logPath, status.LogPath);
        // CRI log format: RFC3339Nano timestamp, stream, P(artial)/F(ull) tag, content.
        Assert.Matches(CriLogLine(), log.Split('\n')[0]);
        Assert.EndsWith(" stdout F hello", log.Split('\n')[0], StringComparison.Ordinal);
    }

    [ContainerdFact]
    public async Task ExecSyncAsync_Command_ReturnsStdoutStderrAndExitCode()
    {
        await using var pod = await TestPod.RunAsync(Runtime, LogRoot, "exec");
        string id = await pod.StartContainerAsync(pod.Container("app", "sleep", "60"));

        var result = await Runtime.ExecSyncAsync(id, ["sh", "-c", "echo out; echo err >&2; hostname; exit 3"], TimeSpan.FromSeconds(30));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\nexec\n", result.Stdout.ToStringUtf8());
        Assert.Equal("err\n", result.Stderr.ToStringUtf8());
    }

    [ContainerdFact]
    public async Task ContainerStatusAsync_FailingCommand_ShowsExitCodeAndReason()
    {
        await using var pod = await TestPod.RunAsync(Runtime, LogRoot, "fail");
        string id = await pod.StartContainerAsync(pod.Container("app", "sh", "-c", "exit 7"));

        var status = await Eventually.WaitAsync(
            async () => (await Runtime.ContainerStatusAsync(id)).Status,
            s => s.State == ContainerState.ContainerExited,
            "the container to exit");

        Assert.Equal(7, status.ExitCode);
        Assert.Equal("Error", status.Reason);
        // Both set; not ordered: containerd stamps StartedAt after task start returns, which a process this
        // short can outlive, while FinishedAt is the exit event's own time.
        Assert.True(status.StartedAt > 0 && status.FinishedAt > 0);
    }

    [ContainerdFact]
    public async Task StopContainerAsync_IgnoresSigterm_KilledAfterTimeout()
    {
        await using var pod = await TestPod.RunAsync(Runtime, LogRoot, "stop");
        string id = await pod.StartContainerAsync(pod.Container("app", "sh", "-c", "trap '' TERM; echo trapped; while true; do sleep 1; done"));
        // A SIGTERM that arrives before the trap is set kills sh with 143; stop only once it is in place.
        string logPath = Path.Combine(pod.Config.LogDirectory, "app", "0.log");
        await Eventually.WaitAsync(
            () => Task.FromResult(File.Exists(logPath) && File.ReadAllText(logPath).Contains("trapped", StringComparison.Ordinal)),
            trapped => trapped,
            "the TERM trap");

        await Runtime.StopContainerAsync(id, timeoutSeconds: 1);

        var status = (await Runtime.ContainerStatusAsync(id)).Status;
        Assert.Equal(ContainerState.ContainerExited, status.State);
        Assert.Equal(137, status.ExitCode);
    }

    [ContainerdFact]
    public async Task StopAndRemove_ContainerThenSandbox_LeavesNothingListed()
    {
        var pod = await TestPod.RunAsync(Runtime, LogRoot, "cleanup");
        await using (pod)
        {
            string id = await pod.StartContainerAsync(pod.Container("app", "sh", "-c", "echo hello; sleep 30"));

            await Runtime.StopContainerAsync(id, timeoutSeconds: 2);
            await Runtime.RemoveContainerAsync(id);
            await Runtime.StopPodSandboxAsync(pod.Id);
            await Runtime.RemovePodSandboxAsync(pod.Id);

            Assert.Empty(await Runtime.ListContainersAsync(new ContainerFilter { PodSandboxId = pod.Id }));
            Assert.Empty(await Runtime.ListPodSandboxAsync(new PodSandboxFilter { Id = pod.Id }));
            var error = await Assert.ThrowsAsync<RpcException>(() => Runtime.ContainerStatusAsync(id));
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }
    }

    [ContainerdFact]
    public async Task ListContainersAsync_LabelSelector_FindsOnlyMatching()
    {
        await using var pod = await TestPod.RunAsync(Runtime, LogRoot, "labels");
        var config = pod.Container("app", "sleep", "60");
        config.Labels["fastkube.test/container"] = "labelled";
        string id = await pod.StartContainerAsync(config);

        var found = await Runtime.ListContainersAsync(new ContainerFilter { LabelSelector = { ["fastkube.test/container"] = "labelled" } });

        var container = Assert.Single(found);
        Assert.Equal(id, container.Id);
        Assert.Equal(pod.Id, container.PodSandboxId);
        Assert.Equal(ContainerState.ContainerRunning, container.State);
    }

    [ContainerdFact]
    public async Task ReopenContainerLogAsync_RunningContainer_Succeeds()
    {
        await using var pod = await TestPod.RunAsync(Runtime, LogRoot, "reopen");
        string id = await pod.StartContainerAsync(pod.Container("app", "sleep", "60"));

        await Runtime.ReopenContainerLogAsync(id);

        Assert.True(File.Exists(Path.Combine(pod.Config.LogDirectory, "app", "0.log")));
    }

    [ContainerdFact]
    public async Task ContainerStatusAsync_UnknownId_ThrowsNotFoundFromTrailersOnlyResponse()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Runtime.ContainerStatusAsync("no-such-container"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("no-such-container", error.Detail, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}) (stdout|stderr) [PF] ")]
    private static partial Regex CriLogLine();
}
