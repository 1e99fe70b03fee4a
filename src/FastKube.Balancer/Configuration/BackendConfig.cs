using System.Net;

namespace FastKube.Balancer.Configuration;

/// <summary>One backend of a frontend. The endpoint is its identity across snapshots (health, counters and draining follow it).</summary>
/// <param name="Weight">Relative share, 1..<see cref="MaxWeight"/> (kube's EndpointSlice has no weights; 1 is the default everywhere).</param>
public sealed record BackendConfig(IPEndPoint Endpoint, int Weight = 1)
{
    public const int MaxWeight = 256;
}
