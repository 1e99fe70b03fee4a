using System.Text;
using FastKube.Grpc.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;

namespace FastKube.Grpc.Tests;

public sealed class GrpcChannelUnaryTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private TestGrpcServer _server = null!;

    public async Task InitializeAsync() => _server = await TestGrpcServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task UnaryAsync_EchoOverUnixSocket_ReturnsResponseAndSendsGrpcHeaders()
    {
        string? contentType = null, te = null, method = null;
        _server.Map("Echo", async context =>
        {
            contentType = context.Request.ContentType;
            te = context.Request.Headers.TE;
            method = context.Request.Method;
            await TestFrames.EchoAsync(context);
        });
        using var channel = _server.UnixChannel();

        string response = await channel.UnaryAsync(TestFrames.Method("Echo"), "hi");

        Assert.Equal("echo:hi", response);
        Assert.Equal("application/grpc", contentType);
        Assert.Equal("trailers", te);
        Assert.Equal("POST", method);
    }

    [Fact]
    public async Task UnaryAsync_EchoOverTcpLoopback_ReturnsResponse()
    {
        _server.Map("Echo", TestFrames.EchoAsync);
        using var channel = GrpcChannel.ForAddress(_server.TcpAddress);

        Assert.Equal("echo:tcp", await channel.UnaryAsync(TestFrames.Method("Echo"), "tcp"));
    }

    [Fact]
    public async Task UnaryAsync_EmptyMessages_RoundTrip()
    {
        _server.Map("Empty", async context =>
        {
            Assert.Equal(string.Empty, await TestFrames.ReadMessageAsync(context.Request));
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, string.Empty);
            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();

        Assert.Equal(string.Empty, await channel.UnaryAsync(TestFrames.Method("Empty"), string.Empty));
    }

    [Fact]
    public async Task UnaryAsync_ProtobufMarshaller_RoundTripsMessage()
    {
        _server.Map("Proto", async context =>
        {
            // StringValue's wire form: field 1, length-delimited.
            string? request = await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, request!.Replace("ping", "pong", StringComparison.Ordinal));
            TestFrames.Trailers(context.Response, 0);
        });
        var marshaller = ProtobufMarshaller.For(StringValue.Parser);
        var method = new GrpcMethod<StringValue, StringValue>("test.Service", "Proto", marshaller, marshaller);
        using var channel = _server.UnixChannel();

        var response = await channel.UnaryAsync(method, new StringValue { Value = "ping" });

        Assert.Equal("pong", response.Value);
    }

    [Fact]
    public async Task UnaryAsync_TrailersOnlyError_ThrowsStatusFromHeaders()
    {
        _server.Map("Missing", context =>
        {
            TestFrames.TrailersOnly(context.Response, 5, "pod sandbox %22abc%22 not found: caf%C3%A9 100%25");
            return Task.CompletedTask;
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Missing"), "x"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("pod sandbox \"abc\" not found: café 100%", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_ErrorStatusInTrailers_Throws()
    {
        _server.Map("Fail", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await context.Response.StartAsync();
            TestFrames.Trailers(context.Response, 9, "not ready");
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Fail"), "x"));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("not ready", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_Timeout_SendsGrpcTimeoutHeader()
    {
        string? timeout = null;
        _server.Map("Echo", async context =>
        {
            timeout = context.Request.Headers["grpc-timeout"];
            await TestFrames.EchoAsync(context);
        });
        using var channel = _server.UnixChannel();

        await channel.UnaryAsync(TestFrames.Method("Echo"), "x", new CallOptions(Timeout: TimeSpan.FromSeconds(5)));

        Assert.Equal("5000000u", timeout);
    }

    [Fact]
    public async Task UnaryAsync_ServerNeverAnswers_ThrowsDeadlineExceededAndResetsStream()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Map("Hang", async context =>
        {
            context.RequestAborted.Register(() => aborted.TrySetResult());
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(TestFrames.Method("Hang"), "x", new CallOptions(Timeout: TimeSpan.FromMilliseconds(200))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await aborted.Task.WaitAsync(Generous);
    }

    [Fact]
    public async Task UnaryAsync_NonPositiveTimeout_FailsWithoutSending()
    {
        int calls = 0;
        _server.Map("Echo", context =>
        {
            Interlocked.Increment(ref calls);
            return TestFrames.EchoAsync(context);
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(TestFrames.Method("Echo"), "x", new CallOptions(Timeout: TimeSpan.Zero)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task UnaryAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Map("Hang", async context =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var channel = _server.UnixChannel();
        using var cancellation = new CancellationTokenSource();

        var call = channel.UnaryAsync(TestFrames.Method("Hang"), "x", new CallOptions(CancellationToken: cancellation.Token));
        await started.Task.WaitAsync(Generous);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task UnaryAsync_ResponseOverReceiveLimit_ThrowsResourceExhausted()
    {
        _server.Map("Big", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, new string('x', 100));
            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 16 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Big"), "x"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("grpc: received message larger than max (100 vs. 16)", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverSendLimit_ThrowsResourceExhaustedWithoutSending()
    {
        int calls = 0;
        _server.Map("Echo", context =>
        {
            Interlocked.Increment(ref calls);
            return TestFrames.EchoAsync(context);
        });
        using var channel = _server.UnixChannel(new GrpcChannelOptions { MaxSendMessageSize = 4 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Echo"), "too long"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("grpc: trying to send message larger than max (8 vs. 4)", error.Detail);
        Assert.Equal(0, calls);
    }

    [Theory]
    [InlineData(1, "compressed flag")]
    [InlineData(2, "invalid compressed flag 2")]
    public async Task UnaryAsync_NonZeroFlag_ThrowsInternal(byte flag, string expected)
    {
        _server.Map("Flag", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, "zz", flag);
            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Flag"), "x"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains(expected, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_TruncatedMessage_ThrowsInternal()
    {
        _server.Map("Short", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, "abc", declaredLength: 10);
            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Short"), "x"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("incomplete message: 3 of 10 bytes before the end of the stream", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_TruncatedHeader_ThrowsInternal()
    {
        _server.Map("Short", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await context.Response.Body.WriteAsync(new byte[] { 0, 0 });
            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Short"), "x"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("incomplete message header: 2 of 5", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_NoStatusTrailer_ThrowsInternal()
    {
        _server.Map("NoStatus", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, "ok");
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("NoStatus"), "x"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("grpc-status", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_OkWithoutMessage_ThrowsInternal()
    {
        _server.Map("Nothing", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await context.Response.StartAsync();
            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Nothing"), "x"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("no response message", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_TwoResponses_ThrowsCardinalityViolation()
    {
        _server.Map("Two", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, "one");
            await TestFrames.WriteMessageAsync(context.Response, "two");
            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Two"), "x"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("cardinality violation", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_UnknownPath_ThrowsUnimplementedFromHttp404()
    {
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("NoSuchMethod"), "x"));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("404", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_NonGrpcContentType_ThrowsInternal()
    {
        _server.Map("Html", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("<html></html>"));
        });
        using var channel = _server.UnixChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Html"), "x"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("text/html", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_MissingSocket_ThrowsUnavailable()
    {
        string socket = Path.Combine(Path.GetTempPath(), "fastkube-no-such-" + Guid.NewGuid().ToString("N") + ".sock");
        using var channel = GrpcChannel.ForUnixSocket(socket);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestFrames.Method("Echo"), "x"));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("unix:" + socket, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_CustomHeaders_AreSent()
    {
        string? token = null;
        _server.Map("Echo", async context =>
        {
            token = context.Request.Headers.Authorization;
            await TestFrames.EchoAsync(context);
        });
        using var channel = _server.UnixChannel();

        await channel.UnaryAsync(TestFrames.Method("Echo"), "x", new CallOptions(Headers: [new("authorization", "token-1")]));

        Assert.Equal("token-1", token);
    }

    [Fact]
    public async Task UnaryAsync_ManyConcurrentCalls_AllSucceed()
    {
        _server.Map("Echo", TestFrames.EchoAsync);
        using var channel = _server.UnixChannel();

        var calls = Enumerable.Range(0, 200).Select(i => channel.UnaryAsync(TestFrames.Method("Echo"), i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        string[] responses = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => "echo:" + i), responses);
    }
}
