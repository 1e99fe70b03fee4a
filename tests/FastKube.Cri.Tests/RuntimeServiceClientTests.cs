using FastKube.Cri.Tests.Support;
using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.Cri.Tests;

/// <summary>What the CRI clients send, checked against a recording endpoint (no containerd needed).</summary>
public sealed class RuntimeServiceClientTests : IAsyncLifetime
{
    private RecordingCriServer _server = null!;
    private CriRuntime _runtime = null!;

    public async Task InitializeAsync()
    {
        _server = await RecordingCriServer.StartAsync();
        _runtime = CriRuntime.Connect("unix://" + _server.SocketPath, new CriClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
    }

    public async Task DisposeAsync()
    {
        _runtime.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task VersionAsync_Request_SendsKubeletApiVersionWithRequestTimeout()
    {
        _server.Answer("/runtime.v1.RuntimeService/Version", _ => new VersionResponse { RuntimeName = "fake", RuntimeApiVersion = "v1" });

        var version = await _runtime.VersionAsync();

        Assert.Equal("fake", version.RuntimeName);
        var call = Assert.Single(_server.Calls);
        Assert.Equal("0.1.0", VersionRequest.Parser.ParseFrom(call.Request).Version);
        Assert.Equal("10000000u", call.Timeout);
    }

    [Fact]
    public async Task ExecSyncAsync_Timeout_RoundsUpToSecondsAndExtendsTheDeadline()
    {
        _server.Answer("/runtime.v1.RuntimeService/ExecSync", _ => new ExecSyncResponse { ExitCode = 4 });

        var result = await _runtime.ExecSyncAsync("c1", ["cat", "/tmp/healthy"], TimeSpan.FromMilliseconds(1500));

        Assert.Equal(4, result.ExitCode);
        var call = Assert.Single(_server.Calls);
        var request = ExecSyncRequest.Parser.ParseFrom(call.Request);
        Assert.Equal(2, request.Timeout);
        Assert.Equal(["cat", "/tmp/healthy"], request.Cmd);
        // 2 s exec + 10 s request timeout.
        Assert.Equal("12000000u", call.Timeout);
    }

    [Fact]
    public async Task ExecSyncAsync_NoTimeout_SendsNoDeadline()
    {
        _server.Answer("/runtime.v1.RuntimeService/ExecSync", _ => new ExecSyncResponse());

        await _runtime.ExecSyncAsync("c1", ["true"], TimeSpan.Zero);

        var call = Assert.Single(_server.Calls);
        Assert.Equal(0, ExecSyncRequest.Parser.ParseFrom(call.Request).Timeout);
        Assert.Null(call.Timeout);
    }

    [Fact]
    public async Task StopContainerAsync_GracePeriod_ExtendsTheDeadline()
    {
        _server.Answer("/runtime.v1.RuntimeService/StopContainer", _ => new StopContainerResponse());

        await _runtime.StopContainerAsync("c1", timeoutSeconds: 30);

        var call = Assert.Single(_server.Calls);
        Assert.Equal(30, StopContainerRequest.Parser.ParseFrom(call.Request).Timeout);
        Assert.Equal("40000000u", call.Timeout);
    }

    [Fact]
    public async Task PullImageAsync_Request_HasNoDeadline()
    {
        _server.Answer("/runtime.v1.ImageService/PullImage", _ => new PullImageResponse { ImageRef = "sha256:abc" });

        string reference = await _runtime.PullImageAsync(new ImageSpec { Image = "localhost/x:1" });

        Assert.Equal("sha256:abc", reference);
        Assert.Null(Assert.Single(_server.Calls).Timeout);
    }

    [Fact]
    public async Task ImageStatusAsync_EmptyImage_ReturnsNull()
    {
        _server.Answer("/runtime.v1.ImageService/ImageStatus", _ => new ImageStatusResponse());

        Assert.Null(await _runtime.ImageStatusAsync(new ImageSpec { Image = "localhost/x:1" }));
    }

    [Fact]
    public async Task RunPodSandboxAsync_EmptyId_ThrowsInternal()
    {
        _server.Answer("/runtime.v1.RuntimeService/RunPodSandbox", _ => new RunPodSandboxResponse());

        var error = await Assert.ThrowsAsync<RpcException>(() => _runtime.RunPodSandboxAsync(new PodSandboxConfig()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task ListContainersAsync_Filter_IsSentAndItemsReturned()
    {
        _server.Answer("/runtime.v1.RuntimeService/ListContainers", _ => new ListContainersResponse { Containers = { new Container { Id = "a" }, new Container { Id = "b" } } });

        var containers = await _runtime.ListContainersAsync(new ContainerFilter { PodSandboxId = "s1" });

        Assert.Equal(["a", "b"], containers.Select(c => c.Id));
        Assert.Equal("s1", ListContainersRequest.Parser.ParseFrom(Assert.Single(_server.Calls).Request).Filter.PodSandboxId);
    }

    [Fact]
    public async Task ReopenContainerLogAsync_RuntimeLacksMethod_SurfacesUnimplemented()
    {
        // A trailers-only Unimplemented, as containerd 1.6 answers GetContainerEvents: surfaced, not hung on.
        var error = await Assert.ThrowsAsync<RpcException>(() => _runtime.ReopenContainerLogAsync("c1"));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("ReopenContainerLog", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/path.sock")]
    [InlineData("tcp://127.0.0.1:1234")]
    public void Connect_NotAUnixEndpoint_Throws(string endpoint)
    {
        Assert.Throws<ArgumentException>(() => CriRuntime.Connect(endpoint));
    }
}
