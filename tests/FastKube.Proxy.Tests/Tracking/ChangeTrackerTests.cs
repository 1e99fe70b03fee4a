using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Proxy.Tracking;
using static FastKube.Proxy.Tests.ProxyObjects;

namespace FastKube.Proxy.Tests.Tracking;

public sealed class ChangeTrackerTests
{
    private static readonly ServicePortName Web = new("default", "web", "", NfValue.Tcp);

    [Fact]
    public void ServiceCheckout_UpdateWithoutRuleRelevantChange_ReportsNothing()
    {
        var tracker = new ServiceChangeTracker();
        tracker.Update(Service("web", "10.96.0.10"));
        Assert.Equal([Web], tracker.Checkout());

        var relabelled = Service("web", "10.96.0.10");
        relabelled.Metadata!.Labels = new() { ["x"] = "y" };
        tracker.Update(relabelled);

        Assert.Empty(tracker.Checkout());
    }

    [Fact]
    public void ServiceCheckout_SeveralUpdatesBeforeCheckout_OnlyLatestCounts()
    {
        var tracker = new ServiceChangeTracker();
        tracker.Update(Service("web", "10.96.0.10"));
        tracker.Update(Service("web", "10.96.0.10", null, Port(80), Port(443, name: "https")));
        tracker.Delete(Service("web", "10.96.0.10"));

        Assert.Empty(tracker.Checkout());
        Assert.Empty(tracker.Current);
    }

    [Theory]
    [InlineData(ServiceTypes.ExternalName, "10.96.0.10")]
    [InlineData(ServiceTypes.ClusterIP, "None")]
    [InlineData(ServiceTypes.ClusterIP, "fd00::10")]
    public void ServicePorts_HeadlessExternalNameOrIpv6_NotProxied(string type, string clusterIp)
    {
        Assert.Empty(ServiceChangeTracker.Ports(Service("web", clusterIp, spec => spec.Type = type)));
    }

    [Fact]
    public void ServicePorts_LocalLoadBalancerWithAffinity_AllFieldsMapped()
    {
        var service = Rules.Scenario.WithIngress(Service("lb", "10.96.0.13", spec =>
        {
            spec.Type = ServiceTypes.LoadBalancer;
            spec.ExternalTrafficPolicy = "Local";
            spec.HealthCheckNodePort = 32000;
            spec.SessionAffinity = "ClientIP";
            spec.SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 60 } };
            spec.ExternalIPs = ["203.0.113.5", "fd00::1"];
        }, Port(443, nodePort: 30443)), "192.0.2.10");

        var info = Assert.Single(ServiceChangeTracker.Ports(service)).Value;

        Assert.Equal((443, 30443, (ushort)32000, true), (info.Port, info.NodePort, info.HealthCheckNodePort, info.ExternalPolicyLocal));
        Assert.Equal(TimeSpan.FromMinutes(1), info.AffinityTimeout);
        Assert.Equal(["203.0.113.5"], info.ExternalIps.Select(a => a.ToString()));
        Assert.Equal(["192.0.2.10"], info.LoadBalancerIps.Select(a => a.ToString()));
    }

    [Fact]
    public void EndpointCheckout_TwoSlices_MergedDeduplicatedAndSorted()
    {
        var tracker = new EndpointSliceChangeTracker();
        tracker.Update(Slice("web", "web-b", 8080, "TCP", Ready("10.244.2.7"), Ready("10.244.1.5")));
        tracker.Update(Slice("web", "web-a", 8080, "TCP", Ready("10.244.1.5"), Terminating("10.244.0.9")));

        var changes = tracker.Checkout();

        Assert.Equal([Web], changes.Changed);
        var endpoints = tracker.Current[Web];
        Assert.Equal(["10.244.0.9:8080", "10.244.1.5:8080", "10.244.2.7:8080"], endpoints.Select(e => e.ToString()));
        Assert.True(endpoints[0] is { Ready: false, Serving: true, Terminating: true });
    }

    [Fact]
    public void EndpointCheckout_SliceDeleted_RemovedEndpointsReported()
    {
        var tracker = new EndpointSliceChangeTracker();
        tracker.Update(Slice("web", "web-a", 8080, "TCP", Ready("10.244.1.5")));
        tracker.Update(Slice("web", "web-b", 8080, "TCP", Ready("10.244.2.7")));
        tracker.Checkout();

        tracker.Delete(Slice("web", "web-b", 8080));
        var changes = tracker.Checkout();

        Assert.Equal([(Web, "10.244.2.7:8080")], changes.Removed.Select(r => (r.Port, r.Endpoint.ToString())));
        Assert.Single(tracker.Current[Web]);
    }

    [Fact]
    public void EndpointCheckout_ConditionsUnset_ReadyAndServingAssumed()
    {
        var tracker = new EndpointSliceChangeTracker();
        tracker.Update(Slice("web", "web-a", 8080, "TCP", new Endpoint { Addresses = ["10.244.1.5"] }));

        tracker.Checkout();

        Assert.True(tracker.Current[Web][0] is { Ready: true, Serving: true, Terminating: false });
    }

    [Fact]
    public void EndpointCheckout_TriggerTimeAnnotation_Returned()
    {
        var tracker = new EndpointSliceChangeTracker();
        var slice = Slice("web", "web-a", 8080, "TCP", Ready("10.244.1.5"));
        slice.Metadata!.Annotations = new() { [EndpointSliceChangeTracker.TriggerTimeAnnotation] = "2026-01-01T00:00:00Z" };
        tracker.Update(slice);

        Assert.Equal([new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)], tracker.Checkout().TriggerTimes);
    }

    [Fact]
    public void EndpointUpdate_SliceWithoutServiceLabel_Ignored()
    {
        var tracker = new EndpointSliceChangeTracker();
        var slice = Slice("web", "web-a", 8080, "TCP", Ready("10.244.1.5"));
        slice.Metadata!.Labels = null;
        tracker.Update(slice);

        Assert.Empty(tracker.Checkout().Changed);
    }
}
