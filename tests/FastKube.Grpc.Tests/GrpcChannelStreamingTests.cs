using FastKube.Grpc.Tests.Support;

namespace FastKube.Grpc.Tests;

public sealed class GrpcChannelStreamingTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private TestGrpcServer _server = null!;

    public async Task InitializeAsync() => _server = await TestGrpcServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ServerStreaming_MessagesThenOk_ReadsAllThenEnds()
    {
        _server.Map("Count", async context =>
        {
            string? request = await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            for (int i = 1; i <= 3; i++)
            {
                await TestFrames.WriteMessageAsync(context.Response, request + i);
            }

            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();
        using var call = channel.ServerStreaming(TestFrames.Method("Count"), "n");

        var received = new List<string>();
        await foreach (string message in call.ResponseStream.ReadAllAsync())
        {
            received.Add(message);
        }

        Assert.Equal(["n1", "n2", "n3"], received);
        Assert.False(await call.ResponseStream.MoveNextAsync());
    }

    [Fact]
    public async Task ServerStreaming_MessagesThenError_ThrowsAfterDeliveringMessages()
    {
        _server.Map("Fail", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, "first");
            TestFrames.Trailers(context.Response, 14, "going away");
        });
        using var channel = _server.UnixChannel();
        using var call = channel.ServerStreaming(TestFrames.Method("Fail"), "x");

        Assert.True(await call.ResponseStream.MoveNextAsync());
        Assert.Equal("first", call.ResponseStream.Current);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNextAsync().AsTask());
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("going away", error.Detail);
        // The final status sticks: reading again reports the same error rather than a clean end.
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNextAsync().AsTask());
    }

    [Fact]
    public async Task ServerStreaming_TrailersOnlyUnimplemented_Throws()
    {
        // containerd 1.6 answers GetContainerEvents like this.
        _server.Map("Events", context =>
        {
            TestFrames.TrailersOnly(context.Response, 12, "unknown method GetContainerEvents");
            return Task.CompletedTask;
        });
        using var channel = _server.UnixChannel();
        using var call = channel.ServerStreaming(TestFrames.Method("Events"), "x");

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNextAsync().AsTask());

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_DisposedMidway_ServerSeesAbort()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Map("Endless", async context =>
        {
            context.RequestAborted.Register(() => aborted.TrySetResult());
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await TestFrames.WriteMessageAsync(context.Response, "tick");
                    await Task.Delay(10, context.RequestAborted);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The client went away, which is what the test waits for.
            }
        });
        using var channel = _server.UnixChannel();
        var call = channel.ServerStreaming(TestFrames.Method("Endless"), "x");
        Assert.True(await call.ResponseStream.MoveNextAsync());

        call.Dispose();

        await aborted.Task.WaitAsync(Generous);
    }

    [Fact]
    public async Task ServerStreaming_DeadlineWhileStreaming_ThrowsDeadlineExceeded()
    {
        _server.Map("Slow", async context =>
        {
            await TestFrames.ReadMessageAsync(context.Request);
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, "first");
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var channel = _server.UnixChannel();
        using var call = channel.ServerStreaming(TestFrames.Method("Slow"), "x", new CallOptions(Timeout: TimeSpan.FromMilliseconds(300)));

        Assert.True(await call.ResponseStream.MoveNextAsync());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNextAsync().AsTask());

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Duplex_EchoInterleaved_EachRequestAnsweredBeforeTheNextIsSent()
    {
        _server.Map("Chat", async context =>
        {
            TestFrames.StartGrpcResponse(context.Response);
            await context.Response.StartAsync();
            while (await TestFrames.ReadMessageAsync(context.Request) is { } message)
            {
                await TestFrames.WriteMessageAsync(context.Response, "re:" + message);
            }

            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();
        using var call = channel.DuplexStreaming(TestFrames.Method("Chat"));

        foreach (string message in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(message);
            Assert.True(await call.ResponseStream.MoveNextAsync().AsTask().WaitAsync(Generous));
            Assert.Equal("re:" + message, call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNextAsync().AsTask().WaitAsync(Generous));
    }

    [Fact]
    public async Task Duplex_ServerSendsFirst_ClientReadsBeforeWriting()
    {
        // etcd's watch and lease keep-alive streams do not wait for the client: headers come first.
        _server.Map("Hello", async context =>
        {
            TestFrames.StartGrpcResponse(context.Response);
            await TestFrames.WriteMessageAsync(context.Response, "hello");
            string? reply = await TestFrames.ReadMessageAsync(context.Request);
            await TestFrames.WriteMessageAsync(context.Response, "got:" + reply);
            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();
        using var call = channel.DuplexStreaming(TestFrames.Method("Hello"));

        Assert.True(await call.ResponseStream.MoveNextAsync().AsTask().WaitAsync(Generous));
        Assert.Equal("hello", call.ResponseStream.Current);
        await call.RequestStream.WriteAsync("x");
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNextAsync().AsTask().WaitAsync(Generous));
        Assert.Equal("got:x", call.ResponseStream.Current);
        Assert.False(await call.ResponseStream.MoveNextAsync());
    }

    [Fact]
    public async Task Duplex_WriteAfterComplete_Throws()
    {
        _server.Map("Chat", async context =>
        {
            TestFrames.StartGrpcResponse(context.Response);
            while (await TestFrames.ReadMessageAsync(context.Request) is not null)
            {
            }

            TestFrames.Trailers(context.Response, 0);
        });
        using var channel = _server.UnixChannel();
        using var call = channel.DuplexStreaming(TestFrames.Method("Chat"));

        await call.RequestStream.CompleteAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync("late"));
        Assert.False(await call.ResponseStream.MoveNextAsync().AsTask().WaitAsync(Generous));
    }

    [Fact]
    public async Task Duplex_ServerRejects_ReadThrowsServerStatus()
    {
        _server.Map("Reject", context =>
        {
            TestFrames.TrailersOnly(context.Response, 7, "no");
            return Task.CompletedTask;
        });
        using var channel = _server.UnixChannel();
        using var call = channel.DuplexStreaming(TestFrames.Method("Reject"));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNextAsync().AsTask().WaitAsync(Generous));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
