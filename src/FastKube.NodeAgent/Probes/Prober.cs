using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Text;
using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Cri;
using FastKube.Grpc;

namespace FastKube.NodeAgent.Probes;

/// <summary>
/// Runs one probe attempt (upstream's prober.runProbe): exec through CRI ExecSync, httpGet, tcpSocket.
/// gRPC probes are not supported and report <see cref="ProbeResult.Unknown"/>. Thread-safe; one instance
/// serves every worker of a node.
/// </summary>
internal sealed partial class Prober : IDisposable
{
    /// <summary>Upstream's default timeoutSeconds.</summary>
    public const int DefaultTimeoutSeconds = 1;

    private readonly IRuntimeService _runtime;
    private readonly TimeProvider _time;
    private readonly HttpMessageInvoker _http;

    public Prober(IRuntimeService runtime, TimeProvider? timeProvider = null)
    {
        _runtime = runtime;
        _time = timeProvider ?? TimeProvider.System;
        _http = CreateHttpInvoker();
    }

    /// <param name="podIP">Default host for httpGet and tcpSocket probes.</param>
    public async Task<ProbeOutcome> ProbeAsync(Probe probe, Container container, string containerId, string? podIP, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(probe.TimeoutSeconds is > 0 and var t ? t : DefaultTimeoutSeconds);
        if (probe.Exec is { } exec)
        {
            return await ExecAsync(exec, containerId, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (probe.HttpGet is { } httpGet)
        {
            if (!TryResolvePort(httpGet.Port, container, out int port, out string? error))
            {
                return new(ProbeResult.Unknown, error);
            }

            return await HttpGetAsync(httpGet, string.IsNullOrEmpty(httpGet.Host) ? podIP ?? "" : httpGet.Host, port, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (probe.TcpSocket is { } tcp)
        {
            if (!TryResolvePort(tcp.Port, container, out int port, out string? error))
            {
                return new(ProbeResult.Unknown, error);
            }

            return await TcpAsync(string.IsNullOrEmpty(tcp.Host) ? podIP ?? "" : tcp.Host, port, timeout, cancellationToken).ConfigureAwait(false);
        }

        return new(ProbeResult.Unknown, "missing probe handler for " + container.Name);
    }

    private async Task<ProbeOutcome> ExecAsync(ExecAction exec, string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = exec.Command ?? [];
        try
        {
            var response = await _runtime.ExecSyncAsync(containerId, command, timeout, cancellationToken).ConfigureAwait(false);
            // Upstream combines stdout and stderr into the probe output.
            string output = response.Stdout.ToStringUtf8() + response.Stderr.ToStringUtf8();
            return response.ExitCode == 0 ? new(ProbeResult.Success, output) : new(ProbeResult.Failure, output);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return new(ProbeResult.Failure, $"command \"{string.Join(' ', command)}\" timed out");
        }
        catch (RpcException e)
        {
            return new(ProbeResult.Unknown, e.Message);
        }
    }

    private async Task<ProbeOutcome> TcpAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, timeoutSource.Token).ConfigureAwait(false);
            return new(ProbeResult.Success, "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(ProbeResult.Failure, $"dial tcp {JoinHostPort(host, port)}: i/o timeout");
        }
        catch (SocketException e)
        {
            return new(ProbeResult.Failure, $"dial tcp {JoinHostPort(host, port)}: {e.Message}");
        }
    }

    /// <summary>Upstream's ResolveContainerPort: a number, or the name of one of the container's ports.</summary>
    internal static bool TryResolvePort(IntOrString? value, Container container, out int port, [NotNullWhen(false)] out string? error)
    {
        error = null;
        port = 0;
        if (value is not { } p)
        {
            error = "invalid port number: 0";
            return false;
        }

        if (p.IsString)
        {
            var named = container.Ports?.FirstOrDefault(cp => cp.Name == p.StringValue);
            if (named?.Port is not { } number)
            {
                error = $"couldn't find port: {p.StringValue} in {container.Name}";
                return false;
            }

            port = number;
        }
        else
        {
            port = p.IntValue;
        }

        if (port is <= 0 or >= 65536)
        {
            error = $"invalid port number: {port}";
            return false;
        }

        return true;
    }

    private static string JoinHostPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    private static string Truncated(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body);

    public void Dispose() => _http.Dispose();
}
