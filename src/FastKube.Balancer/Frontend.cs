using System.Net;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Health;
using FastKube.Balancer.Policies;

namespace FastKube.Balancer;

/// <summary>
/// A frontend inside one snapshot: its backends (shared states), their weights in this snapshot, the
/// policy's tables and the timeouts in clock ticks. Immutable; a connection holds the one it started with.
/// </summary>
internal sealed class Frontend
{
    private readonly Dictionary<BackendState, int> _indexOf;

    public Frontend(FrontendConfig config, FrontendState state, BackendState[] backends, Clock clock, Random random)
    {
        Config = config;
        State = state;
        Backends = backends;
        Clock = clock;
        var weights = config.Backends.Select(b => b.Weight).ToArray();
        Picker = BackendPicker.Create(config.Policy, weights, config.Backends.Select(b => b.Endpoint).ToArray(), random);
        _indexOf = new Dictionary<BackendState, int>(backends.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < backends.Length; i++)
        {
            _indexOf[backends[i]] = i;
        }

        var timeouts = config.EffectiveTimeouts;
        ConnectTimeout = timeouts.Connect;
        IdleTicks = clock.Ticks(timeouts.Idle);
        AffinityTicks = config.AffinityTimeout is { } affinity ? clock.Ticks(affinity) : 0;
    }

    public FrontendConfig Config { get; }

    public FrontendState State { get; }

    public BackendState[] Backends { get; }

    public BackendPicker Picker { get; }

    public Clock Clock { get; }

    public TimeSpan ConnectTimeout { get; }

    public long IdleTicks { get; }

    public long AffinityTicks { get; }

    /// <summary>
    /// The backend for a client's next attempt, honouring ClientIP affinity, or -1 when every backend was tried.
    /// </summary>
    public int Select(IPAddress client, ReadOnlySpan<int> tried)
    {
        var now = Clock.Now;
        if (AffinityTicks > 0 && State.Affinity.TryGetValue(client, out var sticky)
            && now - Volatile.Read(ref sticky.LastUsed) < AffinityTicks
            && _indexOf.TryGetValue(sticky.Backend, out var stuck)
            && new Candidates(Backends, tried, now, includeEjected: false).IsEligible(stuck))
        {
            Volatile.Write(ref sticky.LastUsed, now);
            return stuck;
        }

        var index = Picker.Pick(new Candidates(Backends, tried, now, includeEjected: false), client);
        if (index < 0)
        {
            index = Picker.Pick(new Candidates(Backends, tried, now, includeEjected: true), client);
        }

        if (index >= 0 && AffinityTicks > 0)
        {
            if (State.Affinity.TryGetValue(client, out var entry))
            {
                entry.Backend = Backends[index];
                Volatile.Write(ref entry.LastUsed, now);
            }
            else
            {
                State.Affinity[client] = new AffinityEntry(Backends[index], now);
            }
        }

        return index;
    }
}
