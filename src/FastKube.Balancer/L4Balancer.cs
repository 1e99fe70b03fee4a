using System.IO.Pipelines;
using System.Net;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Health;
using FastKube.Balancer.Memory;
using FastKube.Balancer.Tcp;
using FastKube.Balancer.Udp;

namespace FastKube.Balancer;

/// <summary>
/// The userspace L4 balancer. <see cref="Apply"/> validates a <see cref="BalancerConfig"/>, binds any new
/// listeners, builds an immutable snapshot and publishes it with one volatile write; accept loops read the
/// snapshot current at accept time and each connection keeps its frontend (and so its backend set) from that
/// snapshot to the end. Backend health, counters and drain state live in objects shared across snapshots,
/// keyed by frontend name and backend endpoint.
/// </summary>
public sealed partial class L4Balancer : IAsyncDisposable
{
    private readonly Lock _applyLock = new();
    private readonly Clock _clock;
    private readonly BalancerOptions _options;
    private readonly PinnedBlockPool _blocks;
    private readonly Dictionary<string, FrontendState> _frontendStates = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Frontend, IPEndPoint Endpoint), BackendState> _backendStates = [];
    private readonly Dictionary<string, (IPEndPoint Requested, L4Protocol Protocol, IListener Listener)> _listeners = new(StringComparer.Ordinal);
    private (IPEndPoint Requested, IListener Listener)? _transparent;
    private readonly ITimer _sweepTimer;
    private volatile BalancerSnapshot _current = BalancerSnapshot.Empty;
    private bool _disposed;

    public L4Balancer(BalancerOptions? options = null)
    {
        _options = options ?? BalancerOptions.Default;
        _clock = new Clock(_options.Time);
        _blocks = new PinnedBlockPool(_options.BlockSize, Environment.ProcessorCount, _options.RetainBlocksPerShard);
        Pipes = new PipePool(
            new PipeOptions(
                pool: _blocks,
                readerScheduler: PipeScheduler.Inline,
                writerScheduler: PipeScheduler.Inline,
                pauseWriterThreshold: _options.PauseWriterThreshold,
                resumeWriterThreshold: _options.ResumeWriterThreshold,
                minimumSegmentSize: _options.BlockSize,
                useSynchronizationContext: false),
            _options.RetainPipes);
        _sweepTimer = _options.Time.CreateTimer(static state => ((L4Balancer)state!).Sweep(), this, _options.SweepInterval, _options.SweepInterval);
    }

    internal BalancerSnapshot Current => _current;

    internal ConnectionTable Connections { get; } = new();

    internal PipePool Pipes { get; }

    internal PinnedBlockPool Blocks => _blocks;

    internal TcpRelay Relay => _options.Relay;

    /// <summary>Generation of the published snapshot (0 before the first <see cref="Apply"/>).</summary>
    public long Generation => _current.Generation;

    /// <summary>Live TCP connections (including ones still connecting to a backend).</summary>
    public int ActiveTcpConnections => Connections.Count;

    /// <summary>The bound address of a frontend's own listener (resolves port 0), or null.</summary>
    public IPEndPoint? ListenerEndPoint(string frontend)
    {
        lock (_applyLock)
        {
            return _listeners.TryGetValue(frontend, out var listener) ? listener.Listener.LocalEndPoint : null;
        }
    }

    /// <summary>The bound address of the transparent listener, or null.</summary>
    public IPEndPoint? TransparentEndPoint
    {
        get
        {
            lock (_applyLock)
            {
                return _transparent?.Listener.LocalEndPoint;
            }
        }
    }

    /// <summary>
    /// Enforces idle timeouts and drain deadlines, expires UDP flows and affinity entries and forgets drained
    /// backends. Runs every <see cref="BalancerOptions.SweepInterval"/>; tests call it after moving their clock.
    /// </summary>
    internal void Sweep()
    {
        var now = _clock.Now;
        foreach (var connection in Connections.Where(c =>
            now - c.LastActivity >= c.Frontend.IdleTicks || (c.Backend is { } backend && backend.DrainExpired(now))))
        {
            connection.Abort();
        }

        var snapshot = _current;
        foreach (var frontend in snapshot.ByName.Values)
        {
            if (frontend.AffinityTicks > 0)
            {
                frontend.State.ExpireAffinity(now, frontend.AffinityTicks);
            }
        }

        lock (_applyLock)
        {
            foreach (var (_, _, listener) in _listeners.Values)
            {
                listener.Sweep(now);
            }

            foreach (var (key, state) in _backendStates.Where(b => b.Value.IsDraining && Volatile.Read(ref b.Value.Active) == 0).ToList())
            {
                _backendStates.Remove(key);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_applyLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var (_, _, listener) in _listeners.Values)
            {
                listener.Dispose();
            }

            _listeners.Clear();
            _transparent?.Listener.Dispose();
            _transparent = null;
        }

        await _sweepTimer.DisposeAsync().ConfigureAwait(false);
        foreach (var connection in Connections.Where(static _ => true))
        {
            connection.Abort();
        }

        _blocks.Dispose();
    }
}
