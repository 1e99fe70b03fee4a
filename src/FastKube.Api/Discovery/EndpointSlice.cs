using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Discovery;

/// <summary>
/// A slice of the endpoints behind a service (discovery.k8s.io/v1 EndpointSlice).
/// </summary>
public sealed class EndpointSlice : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "EndpointSlice";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "discovery.k8s.io/v1";

    /// <summary>IPv4, IPv6 or FQDN.</summary>
    [WireKey(4)]
    public string? AddressType { get; set; }

    [WireKey(5)]
    public List<Endpoint>? Endpoints { get; set; }

    [WireKey(6)]
    public List<EndpointPort>? Ports { get; set; }
}
