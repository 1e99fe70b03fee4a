using FastKube.Api.Core;
using FastKube.Proxy.Sync;
using static FastKube.Proxy.Tests.ProxyObjects;

namespace FastKube.Proxy.Tests.Rules;

/// <summary>One table's worth of services covering every rule shape, shared by the golden and tracer tests.</summary>
internal static class Scenario
{
    /// <summary>ClusterIP web (3 endpoints), NodePort np, ClientIP affinity sticky, Local LoadBalancer lb, no-endpoint empty, UDP dns, terminating-only drain, externalIP ext.</summary>
    public static void Load(NftablesProxier proxier)
    {
        var s = proxier.Services;
        var e = proxier.Endpoints;
        s.Update(Service("web", "10.96.0.10"));
        e.Update(Slice("web", "web-1", 8080, "TCP", Ready("10.244.1.5"), Ready("10.244.2.7"), Ready("10.244.3.9")));

        s.Update(Service("np", "10.96.0.11", spec => spec.Type = ServiceTypes.NodePort, Port(80, nodePort: 30080)));
        e.Update(Slice("np", "np-1", 8080, "TCP", Ready("10.244.1.6")));

        s.Update(Service("sticky", "10.96.0.12", spec => spec.SessionAffinity = "ClientIP"));
        e.Update(Slice("sticky", "sticky-1", 8080, "TCP", Ready("10.244.1.7"), Ready("10.244.2.8")));

        s.Update(Service("lb", "10.96.0.13", spec =>
        {
            spec.Type = ServiceTypes.LoadBalancer;
            spec.ExternalTrafficPolicy = "Local";
            spec.HealthCheckNodePort = 32000;
        }, Port(443, nodePort: 30443)) is var lb ? WithIngress(lb, "192.0.2.10") : null!);
        e.Update(Slice("lb", "lb-1", 8443, "TCP", Ready("10.244.0.4", ProxyObjects.Node), Ready("10.244.2.9")));

        s.Update(Service("empty", "10.96.0.14", null, Port(80), Port(53, "UDP", "dns")));

        s.Update(Service("dns", "10.96.0.15", null, Port(53, "UDP")));
        e.Update(Slice("dns", "dns-1", 5353, "UDP", Ready("10.244.1.10")));

        s.Update(Service("drain", "10.96.0.16"));
        e.Update(Slice("drain", "drain-1", 8080, "TCP", Terminating("10.244.1.11"), Terminating("10.244.1.12", serving: false)));

        s.Update(Service("ext", "10.96.0.17", spec => spec.ExternalIPs = ["203.0.113.5"]));
        e.Update(Slice("ext", "ext-1", 8080, "TCP", Ready("10.244.1.13")));
    }

    public static Service WithIngress(Service service, string ip)
    {
        service.Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = ip }] } };
        return service;
    }
}
