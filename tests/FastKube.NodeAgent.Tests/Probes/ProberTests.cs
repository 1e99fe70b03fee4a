using System.Net;
using System.Net.Sockets;
using System.Text;
using FastKube.Api.Core;
using FastKube.NodeAgent.Probes;
using FastKube.NodeAgent.Simulated;

namespace FastKube.NodeAgent.Tests.Probes;

/// <summary>The prober against loopback listeners: real sockets, one attempt each.</summary>
public sealed class ProberTests : IDisposable
{
    private readonly SimulatedRuntime _runtime = new();
    private readonly Prober _prober;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ProberTests()
    {
        _prober = new Prober(_runtime);
        _listener.Start();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _listener.Dispose();
        _prober.Dispose();
        _runtime.Dispose();
    }

    [Fact]
    public async Task ProbeAsync_TcpListening_Success()
    {
        var probe = new Probe { TcpSocket = new TCPSocketAction { Port = Port }, TimeoutSeconds = 30 };

        var outcome = await _prober.ProbeAsync(probe, new Container { Name = "app" }, "c1", "127.0.0.1", CancellationToken.None);

        Assert.Equal(ProbeResult.Success, outcome.Result);
    }

    [Fact]
    public async Task ProbeAsync_TcpNothingListening_Failure()
    {
        var port = Port;
        _listener.Stop();
        var probe = new Probe { TcpSocket = new TCPSocketAction { Port = port }, TimeoutSeconds = 30 };

        var outcome = await _prober.ProbeAsync(probe, new Container { Name = "app" }, "c1", "127.0.0.1", CancellationToken.None);

        Assert.Equal(ProbeResult.Failure, outcome.Result);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(500, false)]
    public async Task ProbeAsync_HttpGetNamedPort_ResultFromStatusCode(int status, bool success)
    {
        var server = AnswerOnceAsync(status);
        var container = new Container { Name = "app", Ports = [new ContainerPort { Name = "http", Port = Port }] };
        var probe = new Probe { HttpGet = new HTTPGetAction { Port = "http", Path = "/healthz" }, TimeoutSeconds = 30 };

        var outcome = await _prober.ProbeAsync(probe, container, "c1", "127.0.0.1", CancellationToken.None);

        var request = await server;
        Assert.StartsWith("GET /healthz HTTP/1.1", request, StringComparison.Ordinal);
        Assert.Contains("kube-probe/", request, StringComparison.Ordinal);
        Assert.Equal(success ? ProbeResult.Success : ProbeResult.Failure, outcome.Result);
    }

    /// <summary>Accepts one connection, reads the request head, answers with the status and an empty body.</summary>
    private async Task<string> AnswerOnceAsync(int status)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(response);
        return head.ToString();
    }
}
