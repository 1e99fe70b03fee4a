using System.Buffers;
using System.Net;
using System.Net.Sockets;
using FastKube.Balancer.Health;

namespace FastKube.Balancer.Udp;

/// <summary>
/// One client endpoint's flow: a connected upstream socket to the chosen backend, replies relayed back from
/// the frontend socket to the client. An ICMP port unreachable (ECONNREFUSED on the connected socket) counts
/// as a connect failure for passive health and ends the flow so the client's next datagram picks again.
/// </summary>
internal sealed class UdpFlow
{
    private const int MaxDatagram = 65507;

    private readonly UdpListener _listener;
    private readonly Socket _upstream;
    private readonly Frontend _frontend;
    private readonly BackendState _backend;
    private long _lastActivity;
    private int _closed;

    private UdpFlow(UdpListener listener, SocketAddress client, Socket upstream, Frontend frontend, BackendState backend)
    {
        _listener = listener;
        Client = client;
        _upstream = upstream;
        _frontend = frontend;
        _backend = backend;
        _lastActivity = frontend.Clock.Now;
    }

    public SocketAddress Client { get; }

    public static UdpFlow? Open(UdpListener listener, SocketAddress client, Frontend frontend, BackendState backend)
    {
        var upstream = new Socket(backend.Endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            upstream.Connect(backend.Endpoint);
        }
        catch (SocketException)
        {
            upstream.Dispose();
            backend.ConnectFailed(frontend.Clock.Now, frontend.Config.Health, frontend.Clock);
            return null;
        }

        Interlocked.Increment(ref backend.Active);
        Interlocked.Increment(ref backend.Total);
        return new UdpFlow(listener, client, upstream, frontend, backend);
    }

    public bool Expired(long now) =>
        now - Volatile.Read(ref _lastActivity) >= _frontend.IdleTicks || _backend.DrainExpired(now);

    public void Start() => _ = RelayRepliesAsync();

    public async ValueTask ForwardAsync(ReadOnlyMemory<byte> datagram)
    {
        Volatile.Write(ref _lastActivity, _frontend.Clock.Now);
        Interlocked.Add(ref _backend.BytesIn, datagram.Length);
        try
        {
            await _upstream.SendAsync(datagram, SocketFlags.None).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            Failed(exception);
        }
        catch (ObjectDisposedException)
        {
            // Closed by the sweep meanwhile; the datagram is lost, as UDP allows.
        }
    }

    private async Task RelayRepliesAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        try
        {
            while (true)
            {
                var received = await _upstream.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                Volatile.Write(ref _lastActivity, _frontend.Clock.Now);
                Interlocked.Add(ref _backend.BytesOut, received);
                await _listener.Socket.SendToAsync(buffer.AsMemory(0, received), SocketFlags.None, Client).ConfigureAwait(false);
            }
        }
        catch (SocketException exception)
        {
            Failed(exception);
        }
        catch (ObjectDisposedException)
        {
            // Closed.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Close();
        }
    }

    private void Failed(SocketException exception)
    {
        if (exception.SocketErrorCode == SocketError.ConnectionRefused)
        {
            _backend.ConnectFailed(_frontend.Clock.Now, _frontend.Config.Health, _frontend.Clock);
        }

        Close();
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _upstream.Dispose();
        _listener.Forget(this);
        Interlocked.Decrement(ref _backend.Active);
        _frontend.State.Leave();
    }
}
