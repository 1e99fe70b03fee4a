using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastKube.Grpc.Tests.Support;

/// <summary>
/// A gRPC-shaped HTTP/2 server on Kestrel (prior knowledge, no TLS) listening on a unix socket in a temp
/// directory and on a loopback TCP port. Each test registers handlers by path that speak the wire format
/// directly (<see cref="TestFrames"/>), so they can also send what a well-behaved server never would.
/// </summary>
internal sealed class TestGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, RequestDelegate> _handlers = new(StringComparer.Ordinal);
    private readonly string _directory;

    private TestGrpcServer(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
    }

    public string SocketPath => Path.Combine(_directory, "grpc.sock");

    public Uri TcpAddress { get; private set; } = null!;

    public static async Task<TestGrpcServer> StartAsync()
    {
        string directory = Directory.CreateTempSubdirectory("fastkube-grpc-test-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(Path.Combine(directory, "grpc.sock"), listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var server = new TestGrpcServer(app, directory);
        app.Run(server.DispatchAsync);
        await app.StartAsync();
        string tcp = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
        server.TcpAddress = new Uri(tcp);
        return server;
    }

    /// <summary>Registers the handler of <c>/test.Service/{method}</c>.</summary>
    public void Map(string method, RequestDelegate handler) => _handlers["/test.Service/" + method] = handler;

    public GrpcChannel UnixChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForUnixSocket(SocketPath, options);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task DispatchAsync(HttpContext context)
    {
        if (_handlers.TryGetValue(context.Request.Path.Value ?? string.Empty, out var handler))
        {
            return handler(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
