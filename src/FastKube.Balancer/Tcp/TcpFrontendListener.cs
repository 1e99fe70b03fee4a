using System.Net;
using System.Net.Sockets;

namespace FastKube.Balancer.Tcp;

/// <summary>
/// An accept loop: either a frontend's own listener (the frontend is looked up by name in the snapshot current
/// at accept time) or the shared transparent listener (looked up by the connection's original destination).
/// </summary>
internal sealed class TcpFrontendListener : IListener
{
    private readonly Socket _socket;
    private readonly string? _frontend;
    private readonly L4Balancer _balancer;

    private TcpFrontendListener(Socket socket, string? frontend, L4Balancer balancer)
    {
        _socket = socket;
        _frontend = frontend;
        _balancer = balancer;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and listens now (so a bad address fails the Apply that asked for it); accepting starts with <see cref="Start"/>.</summary>
    public static TcpFrontendListener Bind(IPEndPoint endpoint, string? frontend, L4Balancer balancer)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(4096);
            return new TcpFrontendListener(socket, frontend, balancer);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Start() => _ = AcceptLoopAsync();

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception) when (exception.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return;
            }
            catch (SocketException)
            {
                // EMFILE and friends: the connection is lost, the listener is not.
                continue;
            }

            Dispatch(client);
        }
    }

    private void Dispatch(Socket client)
    {
        var snapshot = _balancer.Current;
        Frontend? frontend;
        if (_frontend is not null)
        {
            snapshot.ByName.TryGetValue(_frontend, out frontend);
        }
        else
        {
            frontend = OriginalDestination.TryGet(client, out var destination) && snapshot.ByVirtualAddress.TryGetValue(destination!, out var match)
                ? match
                : null;
        }

        if (frontend is null || !frontend.State.TryEnter(frontend.Config.MaxConnections))
        {
            client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            return;
        }

        new TcpConnection(client, frontend, _balancer).Start();
    }

    public void Dispose() => _socket.Dispose();
}
