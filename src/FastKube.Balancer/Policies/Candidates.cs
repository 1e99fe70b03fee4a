using FastKube.Balancer.Health;

namespace FastKube.Balancer.Policies;

/// <summary>
/// The backends a pick may return: not already tried for this connection and, unless every backend is
/// ejected (then ejection is ignored rather than refusing all traffic, Envoy's "panic" behaviour), not ejected.
/// </summary>
internal readonly ref struct Candidates(BackendState[] backends, ReadOnlySpan<int> tried, long now, bool includeEjected)
{
    private readonly ReadOnlySpan<int> _tried = tried;

    public int Count => backends.Length;

    public bool IsEligible(int index) =>
        (includeEjected || !backends[index].IsEjected(now)) && !_tried.Contains(index);

    public long Active(int index) => Volatile.Read(ref backends[index].Active);
}
