using System.Net;

namespace FastKube.Proxy.Tracking;

/// <summary>
/// What the rules of one service port depend on, taken from the Service: its addresses and ports, session
/// affinity and traffic policies. Compared by value, so an update that changes nothing here (labels, status
/// conditions) does not make the service dirty.
/// </summary>
internal sealed record ServicePortInfo(IPAddress ClusterIp, ushort Port, ushort NodePort)
{
    public IReadOnlyList<IPAddress> ExternalIps { get; init; } = [];

    public IReadOnlyList<IPAddress> LoadBalancerIps { get; init; } = [];

    /// <summary>sessionAffinity ClientIP: how long a client stays with its endpoint; null without affinity.</summary>
    public TimeSpan? AffinityTimeout { get; init; }

    /// <summary>externalTrafficPolicy: Local on a service reachable from outside (NodePort, LoadBalancer, externalIPs).</summary>
    public bool ExternalPolicyLocal { get; init; }

    /// <summary>internalTrafficPolicy: Local.</summary>
    public bool InternalPolicyLocal { get; init; }

    /// <summary>spec.healthCheckNodePort of a Local LoadBalancer service, else 0.</summary>
    public ushort HealthCheckNodePort { get; init; }

    public bool HasExternalDestinations => NodePort != 0 || ExternalIps.Count > 0 || LoadBalancerIps.Count > 0;

    public bool Equals(ServicePortInfo? other) =>
        other is not null && ClusterIp.Equals(other.ClusterIp) && Port == other.Port && NodePort == other.NodePort
        && ExternalIps.SequenceEqual(other.ExternalIps) && LoadBalancerIps.SequenceEqual(other.LoadBalancerIps)
        && AffinityTimeout == other.AffinityTimeout && ExternalPolicyLocal == other.ExternalPolicyLocal
        && InternalPolicyLocal == other.InternalPolicyLocal && HealthCheckNodePort == other.HealthCheckNodePort;

    public override int GetHashCode() => HashCode.Combine(ClusterIp, Port, NodePort, ExternalIps.Count, LoadBalancerIps.Count, AffinityTimeout);
}
