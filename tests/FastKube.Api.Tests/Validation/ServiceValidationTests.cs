using FastKube.Api.Core;
using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class ServiceValidationTests
{
    [Fact]
    public void Validate_DefaultedService_NoErrors() => Assert.Empty(Fixtures.Messages(Fixtures.Service()));

    [Theory]
    [InlineData("NodePort")]
    [InlineData("LoadBalancer")]
    public void Validate_ExternalTypes_NoErrors(string type) =>
        Assert.Empty(Fixtures.Messages(Fixtures.Service(s =>
        {
            s.Spec!.Type = type;
            s.Spec.ExternalTrafficPolicy = "Cluster";
            s.Spec.Ports![0].NodePort = 30080;
        })));

    [Fact]
    public void Validate_HeadlessWithoutPorts_NoErrors() =>
        Assert.Empty(Fixtures.Messages(Fixtures.Service(s => { s.Spec!.ClusterIP = "None"; s.Spec.Ports = []; })));

    public static TheoryData<string, Action<Service>, string[]> Cases => new()
    {
        { "no ports", s => s.Spec!.Ports = [], ["spec.ports FieldValueRequired"] },
        { "port zero", s => s.Spec!.Ports![0].Port = 0, ["spec.ports[0].port FieldValueInvalid"] },
        { "target port out of range", s => s.Spec!.Ports![0].TargetPort = IntOrString.FromInt32(70000), ["spec.ports[0].targetPort FieldValueInvalid"] },
        { "unnamed ports", s => s.Spec!.Ports!.Add(new ServicePort { Port = 443, Protocol = "TCP", TargetPort = 443 }), ["spec.ports[0].name FieldValueRequired", "spec.ports[1].name FieldValueRequired"] },
        { "duplicate port names", s => { s.Spec!.Ports![0].Name = "web"; s.Spec.Ports.Add(new ServicePort { Name = "web", Port = 443, Protocol = "TCP", TargetPort = 443 }); }, ["spec.ports[1].name FieldValueDuplicate"] },
        { "duplicate port", s => { s.Spec!.Ports![0].Name = "a"; s.Spec.Ports.Add(new ServicePort { Name = "b", Port = 80, Protocol = "TCP", TargetPort = 80 }); }, ["spec.ports[1] FieldValueDuplicate"] },
        { "bad protocol", s => s.Spec!.Ports![0].Protocol = "HTTP", ["spec.ports[0].protocol FieldValueNotSupported"] },
        { "bad type", s => s.Spec!.Type = "Magic", ["spec.type FieldValueNotSupported"] },
        { "bad cluster ip", s => s.Spec!.ClusterIP = "10.0.0.300", ["spec.clusterIP FieldValueInvalid"] },
        { "node port on cluster ip", s => s.Spec!.Ports![0].NodePort = 30000, ["spec.ports[0].nodePort FieldValueForbidden"] },
        { "affinity timeout too big", s => { s.Spec!.SessionAffinity = "ClientIP"; s.Spec.SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 86401 } }; }, ["spec.sessionAffinityConfig.clientIP.timeoutSeconds FieldValueInvalid"] },
        { "bad affinity", s => s.Spec!.SessionAffinity = "Sticky", ["spec.sessionAffinity FieldValueNotSupported"] },
        { "bad selector", s => s.Spec!.Selector = new() { ["app"] = "web!" }, ["spec.selector FieldValueInvalid"] },
        { "headless node port", s => { s.Spec!.Type = "NodePort"; s.Spec.ClusterIP = "None"; s.Spec.ExternalTrafficPolicy = "Cluster"; }, ["spec.clusterIP FieldValueInvalid"] },
        { "external name missing", s => s.Spec!.Type = "ExternalName", ["spec.externalName FieldValueRequired"] },
        { "etp on cluster ip", s => s.Spec!.ExternalTrafficPolicy = "Local", ["spec.externalTrafficPolicy FieldValueInvalid"] },
        { "service name 1035", s => s.Metadata!.Name = "1web", ["metadata.name FieldValueInvalid"] },
        { "source ranges on cluster ip", s => s.Spec!.LoadBalancerSourceRanges = ["10.0.0.0/8"], ["spec.loadBalancerSourceRanges FieldValueForbidden"] },
        { "bad source range", s => { s.Spec!.Type = "LoadBalancer"; s.Spec.ExternalTrafficPolicy = "Cluster"; s.Spec.LoadBalancerSourceRanges = [" 10.0.0.0/8 ", "10.0.0.0"]; }, ["spec.loadBalancerSourceRanges[1] FieldValueInvalid"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_OneViolation_ReportedAtItsField(string scenario, Action<Service> mutate, string[] expected)
    {
        Assert.NotEmpty(scenario);
        Assert.Equal(expected, Fixtures.FieldReasons(Fixtures.Service(mutate)));
    }

    [Fact]
    public void Validate_AffinityTimeout_UpstreamMessage()
    {
        var service = Fixtures.Service(s =>
        {
            s.Spec!.SessionAffinity = "ClientIP";
            s.Spec.SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 0 } };
        });
        Assert.Equal(
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400",
            Assert.Single(Fixtures.Messages(service)));
    }

    [Fact]
    public void ValidateUpdate_ClusterIPChanged_Rejected()
    {
        var old = Fixtures.Service(s => s.Spec!.ClusterIP = "10.96.0.10");
        var next = Fixtures.Service(s => s.Spec!.ClusterIP = "10.96.0.11");
        Assert.Equal("spec.clusterIPs[0]: Invalid value: \"10.96.0.11\": may not change once set", Assert.Single(Validator.ValidateUpdate(next, old)).ToString());
        Assert.Empty(Validator.ValidateUpdate(Fixtures.Service(s => s.Spec!.ClusterIP = "10.96.0.10"), old));
    }
}
