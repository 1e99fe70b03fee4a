using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The observed state of a service: its load balancer.
/// </summary>
public sealed class ServiceStatus
{
    [WireKey(1)]
    public LoadBalancerStatus? LoadBalancer { get; set; }

    [WireKey(2)]
    public List<Condition>? Conditions { get; set; }
}
