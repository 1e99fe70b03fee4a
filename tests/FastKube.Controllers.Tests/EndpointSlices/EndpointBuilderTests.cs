using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.EndpointSlices;

namespace FastKube.Controllers.Tests.EndpointSlices;

public sealed class EndpointBuilderTests
{
    private static Service Service(bool publishNotReady = false, params ServicePort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "shop" },
        Spec = new ServiceSpec { PublishNotReadyAddresses = publishNotReady, Ports = [.. ports] },
    };

    private static Pod Pod(bool ready = true, bool terminating = false, string? ip = "10.1.0.7", string phase = PodPhases.Running) => new()
    {
        Metadata = new ObjectMeta { Name = "db-0", Namespace = "shop", Uid = "u0", DeletionTimestamp = terminating ? DateTimeOffset.UnixEpoch : null },
        Spec = new PodSpec
        {
            NodeName = "n1",
            Hostname = "db-0",
            Subdomain = "db",
            Containers = [new Container { Name = "pg", Ports = [new ContainerPort { Name = "sql", Port = 5432, Protocol = "TCP" }, new ContainerPort { Name = "sql", Port = 5433, Protocol = "UDP" }] }],
            InitContainers = [new Container { Name = "metrics", RestartPolicy = "Always", Ports = [new ContainerPort { Name = "metrics", Port = 9187 }] }],
        },
        Status = new PodStatus
        {
            Phase = phase,
            PodIP = ip,
            PodIPs = ip is null ? null : [new PodIP { IP = "fd00::7" }, new PodIP { IP = ip }],
            Conditions = [new PodCondition { Type = PodConditionTypes.Ready, Status = ready ? "True" : "False" }],
        },
    };

    [Theory]
    [InlineData(true, false, false, true, true, false)]
    [InlineData(false, false, false, false, false, false)]
    [InlineData(true, true, false, false, true, true)]
    [InlineData(false, true, true, true, true, true)]
    public void Build_Conditions_FollowReadinessTerminationAndPublishNotReady(bool ready, bool terminating, bool publishNotReady, bool expectReady, bool expectServing, bool expectTerminating)
    {
        var endpoint = EndpointBuilder.Build(Service(publishNotReady), Pod(ready, terminating), "zone-a");

        Assert.Equal((expectReady, expectServing, expectTerminating), (endpoint.Conditions!.Ready, endpoint.Conditions.Serving, endpoint.Conditions.Terminating));
        Assert.Equal(["10.1.0.7"], endpoint.Addresses);
        Assert.Equal(("db-0", "n1", "zone-a", "u0"), (endpoint.Hostname, endpoint.NodeName, endpoint.Zone, endpoint.TargetRef!.Uid));
    }

    [Fact]
    public void Ports_NamedTargetPorts_ResolvePerProtocolAndSidecarsAndUnservedPortsAreLeftOut()
    {
        var service = Service(false,
            new ServicePort { Name = "tcp", Port = 5432, TargetPort = new IntOrString("sql"), Protocol = "TCP" },
            new ServicePort { Name = "udp", Port = 5432, TargetPort = new IntOrString("sql"), Protocol = "UDP" },
            new ServicePort { Name = "metrics", Port = 80, TargetPort = new IntOrString("metrics") },
            new ServicePort { Name = "missing", Port = 81, TargetPort = new IntOrString("nope") },
            new ServicePort { Name = "plain", Port = 82 });

        var ports = EndpointBuilder.Ports(service, Pod());

        Assert.Equal([("tcp", 5432), ("udp", 5433), ("metrics", 9187), ("plain", 82)], ports.Select(p => (p.Name!, p.Port!.Value)));
    }

    [Theory]
    [InlineData("10.1.0.7", PodPhases.Running, true)]
    [InlineData(null, PodPhases.Pending, false)]
    [InlineData("10.1.0.7", PodPhases.Succeeded, false)]
    [InlineData("10.1.0.7", PodPhases.Failed, false)]
    public void Qualifies_NeedsAnIpAndANonTerminalPhase(string? ip, string phase, bool expected)
    {
        Assert.Equal(expected, EndpointBuilder.Qualifies(Pod(ip: ip, phase: phase)));
    }
}
