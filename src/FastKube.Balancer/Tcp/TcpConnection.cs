using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Health;
using FastKube.Balancer.Memory;

namespace FastKube.Balancer.Tcp;

/// <summary>
/// One proxied TCP connection: a pipe per direction between the two sockets, each with a receive loop
/// (socket → pipe) and a send loop (pipe → socket), so a slow reader pauses its writer at the pipe's
/// threshold instead of buffering without bound. A FIN is forwarded as shutdown(SEND) once the bytes before
/// it are sent; the connection ends when both directions have ended. Any error, the idle timeout or an
/// expired drain aborts both sides with a reset. Steady-state forwarding allocates nothing: receive and send
/// use the sockets' cached awaitables, the pipes rent pooled blocks, and the four loops' state machines are
/// allocated once when they first wait.
/// </summary>
internal sealed partial class TcpConnection
{
    private readonly Socket _client;
    private readonly Frontend _frontend;
    private readonly ConnectionTable _table;
    private readonly PipePool _pipes;
    private readonly PinnedBlockPool _blocks;
    private readonly TcpRelay _relay;
    private Socket? _upstream;
    private BackendState? _backend;
    private Pipe? _toBackend;
    private Pipe? _toClient;
    private long _lastActivity;
    private int _aborted;
    private bool _pipesCompleted;
    private TriedBackends _tried;

    public TcpConnection(Socket client, Frontend frontend, L4Balancer balancer)
    {
        _client = client;
        _frontend = frontend;
        _table = balancer.Connections;
        _pipes = balancer.Pipes;
        _blocks = balancer.Blocks;
        _relay = balancer.Relay;
        _lastActivity = frontend.Clock.Now;
    }

    // Intrusive links of the ConnectionTable (guarded by its lock).
    internal TcpConnection? Previous;
    internal TcpConnection? Next;

    public Frontend Frontend => _frontend;

    public BackendState? Backend => Volatile.Read(ref _backend);

    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>Runs the connection to its end; never throws (the accept loop does not wait for it).</summary>
    public void Start() => _ = RunAsync();

    private async Task RunAsync()
    {
        _table.Add(this);
        try
        {
            _client.NoDelay = true;
            if (!await ConnectAsync().ConfigureAwait(false) || Volatile.Read(ref _aborted) != 0)
            {
                Reset(_client);
                return;
            }

            if (_relay == TcpRelay.Copy)
            {
                var up = CopyAsync(_client, _upstream!, fromClient: true);
                var down = CopyAsync(_upstream!, _client, fromClient: false);
                await up.ConfigureAwait(false);
                await down.ConfigureAwait(false);
                return;
            }

            _toBackend = _pipes.Rent();
            _toClient = _pipes.Rent();
            var upstream = _upstream!;
            var inbound = ReceiveAsync(_client, _toBackend.Writer, fromClient: true);
            var toBackend = SendAsync(_toBackend.Reader, upstream);
            var outbound = ReceiveAsync(upstream, _toClient.Writer, fromClient: false);
            var toClient = SendAsync(_toClient.Reader, _client);
            await inbound.ConfigureAwait(false);
            await toBackend.ConfigureAwait(false);
            await outbound.ConfigureAwait(false);
            await toClient.ConfigureAwait(false);
            _pipesCompleted = true;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }
        finally
        {
            _client.Dispose();
            _upstream?.Dispose();
            if (_pipesCompleted)
            {
                // Only pipes whose four loops all finished are complete at both ends and safe to reset.
                _pipes.Return(_toBackend!);
                _pipes.Return(_toClient!);
            }
            if (_backend is { } backend)
            {
                Interlocked.Decrement(ref backend.Active);
            }

            _frontend.State.Leave();
            _table.Remove(this);
        }
    }

    /// <summary>Tries backends until one accepts, feeding each failure to passive health.</summary>
    private async Task<bool> ConnectAsync()
    {
        var client = ((IPEndPoint)_client.RemoteEndPoint!).Address;
        var attempts = Math.Min(_frontend.Config.ConnectAttempts, TriedBackends.Capacity);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var index = _frontend.Select(client, ((ReadOnlySpan<int>)_tried)[..attempt]);
            if (index < 0)
            {
                return false;
            }

            _tried[attempt] = index;
            var backend = _frontend.Backends[index];
            var socket = new Socket(backend.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = new CancellationTokenSource(_frontend.ConnectTimeout, _frontend.Clock.Time);
            try
            {
                await socket.ConnectAsync(backend.Endpoint, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                backend.ConnectFailed(_frontend.Clock.Now, _frontend.Config.Health, _frontend.Clock);
                continue;
            }

            backend.ConnectSucceeded();
            Interlocked.Increment(ref backend.Active);
            Interlocked.Increment(ref backend.Total);
            _upstream = socket;
            Volatile.Write(ref _backend, backend);
            return true;
        }

        return false;
    }

    /// <summary>Closes both sides with a reset and wakes every loop; idempotent and safe from any thread.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        Reset(_client);
        if (_upstream is { } upstream)
        {
            Reset(upstream);
        }

        if (_toBackend is { } toBackend)
        {
            toBackend.Writer.CancelPendingFlush();
            toBackend.Reader.CancelPendingRead();
        }

        if (_toClient is { } toClient)
        {
            toClient.Writer.CancelPendingFlush();
            toClient.Reader.CancelPendingRead();
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to reset.
        }

        socket.Dispose();
    }
}
