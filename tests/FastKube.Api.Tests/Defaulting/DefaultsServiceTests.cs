using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;

namespace FastKube.Api.Tests.Defaulting;

public sealed class DefaultsServiceTests
{
    private static Service Build(Action<ServiceSpec> mutate)
    {
        var spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] };
        mutate(spec);
        return new Service { Metadata = new ObjectMeta { Name = "web", Namespace = "default" }, Spec = spec };
    }

    [Fact]
    public void ApplyService_Minimal_ClusterIPDefaults()
    {
        var service = Build(_ => { });
        Defaults.Apply(service);
        var spec = service.Spec!;
        Assert.Equal("ClusterIP", spec.Type);
        Assert.Equal("None", spec.SessionAffinity);
        Assert.Equal("Cluster", spec.InternalTrafficPolicy);
        Assert.Null(spec.ExternalTrafficPolicy);
        Assert.Equal("TCP", spec.Ports![0].Protocol);
        Assert.Equal(IntOrString.FromInt32(80), spec.Ports[0].TargetPort);
    }

    [Fact]
    public void ApplyService_NamedTargetPort_Kept()
    {
        var service = Build(s => s.Ports![0].TargetPort = IntOrString.FromString("http"));
        Defaults.Apply(service);
        Assert.Equal(IntOrString.FromString("http"), service.Spec!.Ports![0].TargetPort);
    }

    [Theory]
    [InlineData("NodePort")]
    [InlineData("LoadBalancer")]
    public void ApplyService_External_ExternalTrafficPolicyCluster(string type)
    {
        var service = Build(s => s.Type = type);
        Defaults.Apply(service);
        Assert.Equal("Cluster", service.Spec!.ExternalTrafficPolicy);
        Assert.Equal(type == "LoadBalancer" ? true : null, service.Spec.AllocateLoadBalancerNodePorts);
    }

    [Fact]
    public void ApplyService_ClientIP_TimeoutDefaulted()
    {
        var service = Build(s => s.SessionAffinity = "ClientIP");
        Defaults.Apply(service);
        Assert.Equal(10800, service.Spec!.SessionAffinityConfig!.ClientIP!.TimeoutSeconds);
    }

    [Fact]
    public void ApplyService_AffinityNone_ConfigDropped()
    {
        var service = Build(s => s.SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 5 } });
        Defaults.Apply(service);
        Assert.Null(service.Spec!.SessionAffinityConfig);
    }

    [Fact]
    public void ApplySecret_NoType_Opaque()
    {
        var secret = new Secret { Metadata = new ObjectMeta { Name = "s" } };
        Defaults.Apply(secret);
        Assert.Equal("Opaque", secret.Type);
    }

    [Fact]
    public void ApplyNamespace_New_FinalizerLabelAndPhase()
    {
        var ns = new Namespace { Metadata = new ObjectMeta { Name = "team-a" } };
        Defaults.Apply(ns);
        Defaults.Apply(ns);
        Assert.Equal(["kubernetes"], ns.Spec!.Finalizers!);
        Assert.Equal("team-a", ns.Metadata.Labels!["kubernetes.io/metadata.name"]);
        Assert.Equal("Active", ns.Status!.Phase);
    }
}
