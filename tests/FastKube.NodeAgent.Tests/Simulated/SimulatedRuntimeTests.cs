using FastKube.Client.Testing;
using FastKube.Cri.V1;
using FastKube.Grpc;
using FastKube.NodeAgent.Simulated;

namespace FastKube.NodeAgent.Tests.Simulated;

public sealed class SimulatedRuntimeTests
{
    [Fact]
    public async Task PullImageAsync_BareName_NormalizedAndUnpullableRefused()
    {
        using var runtime = new SimulatedRuntime(new SimulatedRuntimeOptions { UnpullableImages = ["example.com/gone:1"] });

        Assert.Null(await runtime.ImageStatusAsync(new ImageSpec { Image = "nginx" }));
        var id = await runtime.PullImageAsync(new ImageSpec { Image = "nginx" });

        var image = await runtime.ImageStatusAsync(new ImageSpec { Image = "docker.io/library/nginx:latest" });
        Assert.Equal(id, image!.Id);
        Assert.NotNull(await runtime.ImageStatusAsync(new ImageSpec { Image = "localhost/fastkube/busybox:latest" }));
        var error = await Assert.ThrowsAsync<RpcException>(() => runtime.PullImageAsync(new ImageSpec { Image = "example.com/gone:1" }));
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
    }

    [Fact]
    public async Task Container_StartDelayAndScriptedExit_StatesAndTimestamps()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        using var runtime = new SimulatedRuntime(new SimulatedRuntimeOptions { TimeProvider = time, StartDelay = TimeSpan.FromSeconds(1) });
        runtime.Script("job", new ContainerScript { ExitAfter = TimeSpan.FromSeconds(5), ExitCode = 7, Exec = _ => new ExecSyncResponse { ExitCode = 3 } });
        var sandboxConfig = new PodSandboxConfig { Metadata = new PodSandboxMetadata { Name = "p", Uid = "u" } };
        var sandbox = await runtime.RunPodSandboxAsync(sandboxConfig);
        var id = await runtime.CreateContainerAsync(sandbox, new ContainerConfig { Metadata = new ContainerMetadata { Name = "job" }, Image = new ImageSpec { Image = "localhost/fastkube/busybox:latest" } }, sandboxConfig);

        var start = runtime.StartContainerAsync(id);
        Assert.False(start.IsCompleted);
        Assert.Equal(ContainerState.ContainerCreated, (await runtime.ContainerStatusAsync(id)).Status.State);
        time.Advance(TimeSpan.FromSeconds(1));
        await start;
        Assert.Equal(ContainerState.ContainerRunning, (await runtime.ContainerStatusAsync(id)).Status.State);
        Assert.Equal(3, (await runtime.ExecSyncAsync(id, ["true"], TimeSpan.Zero)).ExitCode);
        await Assert.ThrowsAsync<RpcException>(() => runtime.RemovePodSandboxAsync(sandbox));

        time.Advance(TimeSpan.FromSeconds(5));

        var status = (await runtime.ContainerStatusAsync(id)).Status;
        Assert.Equal((ContainerState.ContainerExited, 7, "Error"), (status.State, status.ExitCode, status.Reason));
        Assert.Equal(5_000_000_000, status.FinishedAt - status.StartedAt);
        Assert.Equal("10.88.0.2", (await runtime.PodSandboxStatusAsync(sandbox)).Status.Network.Ip);
        await runtime.StopPodSandboxAsync(sandbox);
        await runtime.RemovePodSandboxAsync(sandbox);
        var missing = await Assert.ThrowsAsync<RpcException>(() => runtime.ContainerStatusAsync(id));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }
}
