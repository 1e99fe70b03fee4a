using System.Net;
using System.Net.Sockets;

namespace FastKube.Client.Tests;

/// <summary>
/// A TCP relay on loopback in front of the API server, so a test can break every open connection (a dropped
/// watch) and refuse new ones for a while. TLS passes through untouched.
/// </summary>
internal sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _refusing;

    public LoopbackProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>While true, new connections are closed as soon as they arrive.</summary>
    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    /// <summary>Closes every relayed connection (both sides).</summary>
    public void DropAll()
    {
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Client.Close(0);
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_refusing)
            {
                inbound.Client.Close(0);
                inbound.Dispose();
                continue;
            }

            var outbound = new TcpClient();
            await outbound.ConnectAsync(_target.Host, _target.Port);
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = Relay(inbound, outbound);
            _ = Relay(outbound, inbound);
        }
    }

    private static async Task Relay(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The other direction or DropAll closed the pair.
        }
        finally
        {
            to.Client.Close(0);
        }
    }
}
