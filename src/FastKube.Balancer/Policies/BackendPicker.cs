using System.Net;
using FastKube.Balancer.Configuration;

namespace FastKube.Balancer.Policies;

/// <summary>One policy over one snapshot's backend list (immutable tables, built once per snapshot; only counters mutate).</summary>
internal abstract class BackendPicker
{
    /// <summary>An eligible backend index, or -1 when none is.</summary>
    public abstract int Pick(in Candidates candidates, IPAddress client);

    public static BackendPicker Create(BalancePolicy policy, ReadOnlySpan<int> weights, IReadOnlyList<IPEndPoint> endpoints, Random random) => policy switch
    {
        BalancePolicy.RoundRobin => new RoundRobinPicker(weights),
        BalancePolicy.LeastConnections => new LeastConnectionsPicker(weights.ToArray()),
        BalancePolicy.PowerOfTwoChoices => new PowerOfTwoPicker(weights, random),
        BalancePolicy.ConsistentHash => new ConsistentHashPicker(weights, endpoints),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown balance policy"),
    };

    /// <summary>True when backend a carries less load per weight than b (cross-multiplied, no division).</summary>
    protected static bool LessLoaded(long activeA, int weightA, long activeB, int weightB) => activeA * weightB < activeB * weightA;
}
