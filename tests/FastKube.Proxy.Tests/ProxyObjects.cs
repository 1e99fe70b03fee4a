using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;

namespace FastKube.Proxy.Tests;

/// <summary>Builders for the Services and EndpointSlices the tests feed the proxy.</summary>
internal static class ProxyObjects
{
    public const string Node = "node-a";

    public static Service Service(string name, string clusterIp, Action<ServiceSpec>? mutate = null, params ServicePort[] ports)
    {
        var spec = new ServiceSpec
        {
            Type = ServiceTypes.ClusterIP,
            ClusterIP = clusterIp,
            ClusterIPs = [clusterIp],
            Ports = ports.Length > 0 ? [.. ports] : [Port(80)],
        };
        mutate?.Invoke(spec);
        return new Service { Metadata = new ObjectMeta { Namespace = "default", Name = name }, Spec = spec };
    }

    public static ServicePort Port(int port, string protocol = "TCP", string? name = null, int? nodePort = null) =>
        new() { Port = port, Protocol = protocol, Name = name, NodePort = nodePort };

    public static EndpointSlice Slice(string service, string name, int port, string protocol = "TCP", params Endpoint[] endpoints) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = "default",
            Name = name,
            Labels = new() { ["kubernetes.io/service-name"] = service },
        },
        AddressType = AddressTypes.IPv4,
        Ports = [new Api.Discovery.EndpointPort { Port = port, Protocol = protocol }],
        Endpoints = [.. endpoints],
    };

    public static EndpointSlice Named(EndpointSlice slice, string portName)
    {
        slice.Ports![0].Name = portName;
        return slice;
    }

    public static Endpoint Ready(string address, string node = "node-b") =>
        new() { Addresses = [address], NodeName = node, Conditions = new EndpointConditions { Ready = true, Serving = true, Terminating = false } };

    public static Endpoint Terminating(string address, bool serving = true, string node = "node-b") =>
        new() { Addresses = [address], NodeName = node, Conditions = new EndpointConditions { Ready = false, Serving = serving, Terminating = true } };
}
