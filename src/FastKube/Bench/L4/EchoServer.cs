using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace FastKube.Bench.L4;

/// <summary>
/// The <c>l4</c> backends: loopback echo servers (whatever arrives goes back; EOF is answered with EOF). Both
/// proxies and the direct baseline talk to the same instances. A connection holds a buffer only while data is
/// moving (zero-byte receive first), so 10,000 idle connections cost the bench little.
/// </summary>
internal sealed class EchoServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private int _open;

    public EchoServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(8192);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _ = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Connections currently open (the RSS phase waits for all of them to reach the backend).</summary>
    public int Open => Volatile.Read(ref _open);

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.OperationAborted)
            {
                return;
            }

            _ = EchoAsync(socket);
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        Interlocked.Increment(ref _open);
        socket.NoDelay = true;
        try
        {
            while (true)
            {
                await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    var received = await socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                    if (received == 0)
                    {
                        socket.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await socket.SendAsync(buffer.AsMemory(0, received), SocketFlags.None).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The peer reset or the bench is closing.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            socket.Dispose();
        }
    }

    public void Dispose() => _listener.Dispose();
}
