using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace FastKube.Balancer.Tests.Support;

/// <summary>
/// A loopback TCP backend. Default behaviour echoes; <see cref="Handler"/> replaces it. <see cref="Kill"/>
/// resets every open connection and closes the listener, like a process that died.
/// </summary>
internal sealed class TestBackend : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly ConcurrentBag<Socket> _accepted = [];
    private int _acceptedCount;

    public TestBackend(Func<Socket, Task>? handler = null)
    {
        Handler = handler ?? EchoAsync;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _ = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    public Func<Socket, Task> Handler { get; }

    public int Accepted => Volatile.Read(ref _acceptedCount);

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _acceptedCount);
            _accepted.Add(socket);
            _ = Task.Run(async () =>
            {
                try
                {
                    await Handler(socket);
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
                {
                    // The test killed it.
                }
                finally
                {
                    socket.Dispose();
                }
            });
        }
    }

    public static async Task EchoAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (received == 0)
            {
                socket.Shutdown(SocketShutdown.Send);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received), SocketFlags.None);
        }
    }

    public void Kill()
    {
        _listener.Dispose();
        foreach (var socket in _accepted)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (ObjectDisposedException)
            {
            }

            socket.Dispose();
        }
    }

    public void Dispose() => Kill();

    /// <summary>A loopback port with nothing listening (connects are refused).</summary>
    public static IPEndPoint ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>
    /// A loopback listener that never accepts, with its accept queue already full: Linux drops further SYNs,
    /// so a connect to it hangs until the connector gives up. Dispose the returned sockets to release it.
    /// </summary>
    public static (IPEndPoint EndPoint, IDisposable Release) Blackhole()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket> { listener };
        // Backlog 0 still queues one connection; a second one is enough to make the queue full either way.
        for (var i = 0; i < 2; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(filler);
            _ = filler.ConnectAsync(endpoint);
        }

        return (endpoint, new Sockets(fillers));
    }

    private sealed class Sockets(List<Socket> sockets) : IDisposable
    {
        public void Dispose()
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
