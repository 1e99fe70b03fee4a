using System.Net;
using System.Net.Sockets;

namespace FastKube.Balancer.Udp;

/// <summary>
/// A UDP frontend: one bound socket receiving from every client, and per client endpoint a flow with its own
/// connected upstream socket (so replies come back on it and need no lookup). Datagrams from a known client
/// cost no allocation: the receive reuses one <see cref="SocketAddress"/>, which is also the flow table's key.
/// </summary>
internal sealed class UdpListener : IListener
{
    // Largest UDP payload over IPv4.
    private const int MaxDatagram = 65507;

    private readonly Socket _socket;
    private readonly string _frontend;
    private readonly L4Balancer _balancer;
    private readonly Dictionary<SocketAddress, UdpFlow> _flows = [];
    private readonly Lock _lock = new();
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);

    private UdpListener(Socket socket, string frontend, L4Balancer balancer)
    {
        _socket = socket;
        _frontend = frontend;
        _balancer = balancer;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    internal Socket Socket => _socket;

    internal int FlowCount
    {
        get
        {
            lock (_lock)
            {
                return _flows.Count;
            }
        }
    }

    public static UdpListener Bind(IPEndPoint endpoint, string frontend, L4Balancer balancer)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endpoint);
            return new UdpListener(socket, frontend, balancer);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Start() => _ = ReceiveLoopAsync();

    private async Task ReceiveLoopAsync()
    {
        var from = new SocketAddress(_socket.AddressFamily);
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveFromAsync(_buffer, SocketFlags.None, from).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException exception) when (exception.SocketErrorCode is not SocketError.OperationAborted)
            {
                // An ICMP error queued on the shared socket: it belongs to no flow in particular.
                continue;
            }
            catch (SocketException)
            {
                break;
            }

            var flow = FlowFor(from);
            if (flow is not null)
            {
                await flow.ForwardAsync(_buffer.AsMemory(0, received)).ConfigureAwait(false);
            }
        }

        CloseAll();
    }

    private UdpFlow? FlowFor(SocketAddress from)
    {
        lock (_lock)
        {
            if (_flows.TryGetValue(from, out var existing))
            {
                return existing;
            }
        }

        if (!_balancer.Current.ByName.TryGetValue(_frontend, out var frontend) || !frontend.State.TryEnter(frontend.Config.MaxConnections))
        {
            return null;
        }

        var client = (IPEndPoint)LocalEndPoint.Create(from);
        var index = frontend.Select(client.Address, []);
        if (index < 0)
        {
            frontend.State.Leave();
            return null;
        }

        var key = new SocketAddress(from.Family, from.Size);
        from.Buffer.Span[..from.Size].CopyTo(key.Buffer.Span);
        var flow = UdpFlow.Open(this, key, frontend, frontend.Backends[index]);
        if (flow is null)
        {
            frontend.State.Leave();
            return null;
        }

        lock (_lock)
        {
            _flows[key] = flow;
        }

        flow.Start();
        return flow;
    }

    internal void Forget(UdpFlow flow)
    {
        lock (_lock)
        {
            if (_flows.TryGetValue(flow.Client, out var current) && current == flow)
            {
                _flows.Remove(flow.Client);
            }
        }
    }

    /// <summary>Closes flows idle past their frontend's timeout or whose backend's drain has expired.</summary>
    public void Sweep(long now)
    {
        List<UdpFlow> expired;
        lock (_lock)
        {
            expired = _flows.Values.Where(f => f.Expired(now)).ToList();
        }

        foreach (var flow in expired)
        {
            flow.Close();
        }
    }

    private void CloseAll()
    {
        List<UdpFlow> all;
        lock (_lock)
        {
            all = [.. _flows.Values];
        }

        foreach (var flow in all)
        {
            flow.Close();
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        CloseAll();
    }
}
