using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The ingress points of a load balancer.
/// </summary>
public sealed class LoadBalancerStatus
{
    [WireKey(1)]
    public List<LoadBalancerIngress>? Ingress { get; set; }
}
