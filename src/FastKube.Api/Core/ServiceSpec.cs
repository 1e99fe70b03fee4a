using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The desired state of a service.
/// </summary>
public sealed class ServiceSpec
{
    [WireKey(1)]
    public List<ServicePort>? Ports { get; set; }

    [WireKey(2)]
    public Dictionary<string, string>? Selector { get; set; }

    [WireKey(3)]
    public string? ClusterIP { get; set; }

    [WireKey(4)]
    public List<string>? ClusterIPs { get; set; }

    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    [WireKey(5)]
    public string? Type { get; set; }

    [WireKey(6)]
    public List<string>? ExternalIPs { get; set; }

    /// <summary>None or ClientIP.</summary>
    [WireKey(7)]
    public string? SessionAffinity { get; set; }

    [WireKey(8)]
    public string? LoadBalancerIP { get; set; }

    [WireKey(9)]
    public List<string>? LoadBalancerSourceRanges { get; set; }

    [WireKey(10)]
    public string? ExternalName { get; set; }

    /// <summary>Cluster or Local.</summary>
    [WireKey(11)]
    public string? ExternalTrafficPolicy { get; set; }

    [WireKey(12)]
    public int? HealthCheckNodePort { get; set; }

    [WireKey(13)]
    public bool? PublishNotReadyAddresses { get; set; }

    [WireKey(14)]
    public SessionAffinityConfig? SessionAffinityConfig { get; set; }

    [WireKey(15)]
    public List<string>? IPFamilies { get; set; }

    /// <summary>SingleStack, PreferDualStack or RequireDualStack.</summary>
    [WireKey(16)]
    public string? IPFamilyPolicy { get; set; }

    [WireKey(17)]
    public bool? AllocateLoadBalancerNodePorts { get; set; }

    [WireKey(18)]
    public string? LoadBalancerClass { get; set; }

    /// <summary>Cluster or Local.</summary>
    [WireKey(19)]
    public string? InternalTrafficPolicy { get; set; }

    [WireKey(20)]
    public string? TrafficDistribution { get; set; }
}
