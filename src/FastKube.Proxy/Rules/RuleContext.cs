using System.Net;

namespace FastKube.Proxy.Rules;

/// <summary>
/// The node-wide inputs of the rules: this node's name (for Local traffic policies), the pod networks
/// (traffic from outside them is masqueraded), the masquerade mark, and where node ports are accepted.
/// </summary>
internal sealed record RuleContext(string NodeName, uint MasqueradeMark)
{
    public IReadOnlyList<IPNetwork> ClusterCidrs { get; init; } = [];

    public bool MasqueradeAll { get; init; }

    /// <summary>null: every local address (<c>fib daddr type local</c>); else only these addresses.</summary>
    public IReadOnlyList<IPAddress>? NodePortIps { get; init; }

    public bool Equals(RuleContext? other) =>
        other is not null && NodeName == other.NodeName && MasqueradeMark == other.MasqueradeMark && MasqueradeAll == other.MasqueradeAll
        && ClusterCidrs.SequenceEqual(other.ClusterCidrs)
        && (NodePortIps is null ? other.NodePortIps is null : other.NodePortIps is not null && NodePortIps.SequenceEqual(other.NodePortIps));

    public override int GetHashCode() => HashCode.Combine(NodeName, MasqueradeMark, MasqueradeAll, ClusterCidrs.Count);
}
