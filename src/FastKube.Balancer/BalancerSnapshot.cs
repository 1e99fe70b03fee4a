using System.Collections.Frozen;
using System.Net;

namespace FastKube.Balancer;

/// <summary>One immutable generation of the balancer's model; <see cref="L4Balancer"/> swaps the whole object at once.</summary>
internal sealed class BalancerSnapshot(long generation, IReadOnlyList<Frontend> frontends)
{
    public static BalancerSnapshot Empty { get; } = new(0, []);

    public long Generation { get; } = generation;

    public FrozenDictionary<string, Frontend> ByName { get; } = frontends.ToFrozenDictionary(f => f.Config.Name, StringComparer.Ordinal);

    /// <summary>Transparent frontends by the original destination of redirected traffic.</summary>
    public FrozenDictionary<IPEndPoint, Frontend> ByVirtualAddress { get; } =
        frontends.Where(f => f.Config.VirtualAddress is not null).ToFrozenDictionary(f => f.Config.VirtualAddress!);
}
