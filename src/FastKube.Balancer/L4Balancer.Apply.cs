using System.Net;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Health;
using FastKube.Balancer.Tcp;
using FastKube.Balancer.Udp;

namespace FastKube.Balancer;

public sealed partial class L4Balancer
{
    /// <summary>
    /// Publishes a new configuration. Listeners for new or moved frontends are bound first, so an address in use
    /// fails the call with the old snapshot still serving; then the snapshot is swapped, removed frontends'
    /// listeners close, and backends that left a frontend start draining (no new connections; existing ones
    /// may run until the frontend's drain timeout, then the sweep resets them).
    /// </summary>
    /// <exception cref="ArgumentException">The configuration is invalid; the message names the field and value.</exception>
    public void Apply(BalancerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ConfigValidator.Validate(config);
        lock (_applyLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var created = new Dictionary<string, (IPEndPoint, L4Protocol, IListener)>(StringComparer.Ordinal);
            (IPEndPoint, IListener)? transparent = null;
            try
            {
                foreach (var frontend in config.Frontends)
                {
                    if (frontend.Listen is { } listen
                        && !(_listeners.TryGetValue(frontend.Name, out var existing) && existing.Requested.Equals(listen) && existing.Protocol == frontend.Protocol))
                    {
                        created[frontend.Name] = (listen, frontend.Protocol, frontend.Protocol == L4Protocol.Tcp
                            ? TcpFrontendListener.Bind(listen, frontend.Name, this)
                            : UdpListener.Bind(listen, frontend.Name, this));
                    }
                }

                if (config.TransparentListen is { } address && !(_transparent is { } current && current.Requested.Equals(address)))
                {
                    transparent = (address, TcpFrontendListener.Bind(address, frontend: null, this));
                }
            }
            catch
            {
                foreach (var (_, _, listener) in created.Values)
                {
                    listener.Dispose();
                }

                transparent?.Item2.Dispose();
                throw;
            }

            Publish(config);
            SwapListeners(config, created, transparent);
        }
    }

    private void Publish(BalancerConfig config)
    {
        var now = _clock.Now;
        var live = new HashSet<(string, IPEndPoint)>();
        var frontends = new List<Frontend>(config.Frontends.Count);
        foreach (var frontend in config.Frontends)
        {
            if (!_frontendStates.TryGetValue(frontend.Name, out var state))
            {
                _frontendStates[frontend.Name] = state = new FrontendState(frontend.Name);
            }

            var backends = new BackendState[frontend.Backends.Count];
            for (var i = 0; i < backends.Length; i++)
            {
                var key = (frontend.Name, frontend.Backends[i].Endpoint);
                if (!_backendStates.TryGetValue(key, out var backend))
                {
                    _backendStates[key] = backend = new BackendState(frontend.Name, key.Endpoint);
                }

                backend.StopDraining();
                live.Add(key);
                backends[i] = backend;
            }

            frontends.Add(new Frontend(frontend, state, backends, _clock, _options.Random));
        }

        var previous = _current;
        foreach (var (key, backend) in _backendStates)
        {
            if (!live.Contains(key) && !backend.IsDraining)
            {
                // The drain deadline of the frontend the backend left (or, if the frontend itself went, its last one).
                var drain = config.Frontends.FirstOrDefault(f => f.Name == key.Frontend)?.EffectiveTimeouts.Drain
                    ?? (previous.ByName.TryGetValue(key.Frontend, out var old) ? old.Config.EffectiveTimeouts.Drain : FrontendTimeouts.TcpDefault.Drain);
                backend.StartDraining(now + _clock.Ticks(drain));
            }
        }

        foreach (var name in _frontendStates.Keys.Where(n => !config.Frontends.Any(f => f.Name == n)).ToList())
        {
            _frontendStates.Remove(name);
        }

        _current = new BalancerSnapshot(previous.Generation + 1, frontends);
    }

    private void SwapListeners(BalancerConfig config, Dictionary<string, (IPEndPoint, L4Protocol, IListener)> created, (IPEndPoint, IListener)? transparent)
    {
        foreach (var name in _listeners.Keys.ToList())
        {
            if (created.ContainsKey(name) || !config.Frontends.Any(f => f.Name == name && f.Listen is not null))
            {
                _listeners[name].Listener.Dispose();
                _listeners.Remove(name);
            }
        }

        foreach (var (name, listener) in created)
        {
            _listeners[name] = listener;
            listener.Item3.Start();
        }

        if (transparent is { } replacement)
        {
            _transparent?.Listener.Dispose();
            _transparent = replacement;
            replacement.Item2.Start();
        }
        else if (config.TransparentListen is null && _transparent is { } stale)
        {
            stale.Listener.Dispose();
            _transparent = null;
        }
    }
}
