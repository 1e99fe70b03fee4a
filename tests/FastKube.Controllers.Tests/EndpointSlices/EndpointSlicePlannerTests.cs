using System.Globalization;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using EndpointPort = FastKube.Api.Discovery.EndpointPort;
using FastKube.Api.Meta;
using FastKube.Controllers.EndpointSlices;

namespace FastKube.Controllers.Tests.EndpointSlices;

public sealed class EndpointSlicePlannerTests
{
    private static readonly Service Web = new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "shop", Uid = "svc-uid" },
        Spec = new ServiceSpec { Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080, Protocol = "TCP" }] },
    };

    private static readonly List<EndpointPort> Http = [new EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }];

    private static DesiredEndpoint Desired(int i, bool ready = true, List<EndpointPort>? ports = null) => new(
        new Endpoint
        {
            Addresses = [$"10.0.{i / 250}.{(i % 250) + 1}"],
            Conditions = new EndpointConditions { Ready = ready, Serving = ready, Terminating = false },
            TargetRef = new ObjectReference { Kind = "Pod", Namespace = "shop", Name = $"web-{i}", Uid = $"uid-{i}" },
            NodeName = "n1",
        },
        ports ?? Http);

    private static EndpointSlice Existing(string name, IEnumerable<int> members) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "shop" },
        AddressType = AddressTypes.IPv4,
        Ports = Http,
        Endpoints = [.. members.Select(i => Desired(i).Endpoint)],
    };

    private static List<DesiredEndpoint> Range(int from, int count) => [.. Enumerable.Range(from, count).Select(i => Desired(i))];

    [Fact]
    public void Plan_NewService_CreatesSlicesOfAtMost100()
    {
        var plan = EndpointSlicePlanner.Plan(Web, Range(0, 250), []);

        Assert.Equal([100, 100, 50], plan.Create.Select(s => s.Endpoints!.Count));
        Assert.Empty(plan.Update);
        var slice = plan.Create[0];
        Assert.Equal("web-", slice.Metadata!.GenerateName);
        Assert.Equal("web", slice.Metadata.Labels![EndpointSlicePlanner.ServiceNameLabel]);
        Assert.Equal(EndpointSlicePlanner.ManagedBy, slice.Metadata.Labels[EndpointSlicePlanner.ManagedByLabel]);
        Assert.True(Assert.Single(slice.Metadata.OwnerReferences!).Controller);
        Assert.Equal(8080, Assert.Single(slice.Ports!).Port);
    }

    [Fact]
    public void Plan_OneEndpointChangesReadiness_RewritesOnlyItsSlice()
    {
        EndpointSlice[] existing = [Existing("a", Enumerable.Range(0, 100)), Existing("b", Enumerable.Range(100, 50))];
        var desired = Range(0, 150);
        desired[120] = Desired(120, ready: false);

        var plan = EndpointSlicePlanner.Plan(Web, desired, existing);

        var updated = Assert.Single(plan.Update);
        Assert.Equal("b", updated.Metadata!.Name);
        Assert.False(updated.Endpoints!.Single(e => e.TargetRef!.Name == "web-120").Conditions!.Ready);
        Assert.Empty(plan.Create);
        Assert.Empty(plan.Delete);
        Assert.True(existing[1].Endpoints![20].Conditions!.Ready);
    }

    [Fact]
    public void Plan_NothingChanged_IsEmpty()
    {
        Assert.True(EndpointSlicePlanner.Plan(Web, Range(0, 150), [Existing("a", Enumerable.Range(0, 100)), Existing("b", Enumerable.Range(100, 50))]).IsEmpty);
    }

    [Fact]
    public void Plan_OneGoneOneNew_NewEndpointTakesTheFreedPlaceInTheRewrittenSlice()
    {
        var desired = Range(0, 150).Where(d => d.Endpoint.TargetRef!.Name != "web-10").Append(Desired(500)).ToList();

        var plan = EndpointSlicePlanner.Plan(Web, desired, [Existing("a", Enumerable.Range(0, 100)), Existing("b", Enumerable.Range(100, 50))]);

        var updated = Assert.Single(plan.Update);
        Assert.Equal("a", updated.Metadata!.Name);
        Assert.Equal(100, updated.Endpoints!.Count);
        Assert.Contains(updated.Endpoints, e => e.TargetRef!.Name == "web-500");
        Assert.Empty(plan.Create);
    }

    [Fact]
    public void Plan_FewNewEndpoints_GoIntoTheFullestSliceWithRoom()
    {
        var plan = EndpointSlicePlanner.Plan(Web, Range(0, 170), [Existing("full", Enumerable.Range(0, 100)), Existing("half", Enumerable.Range(100, 50)), Existing("small", Enumerable.Range(150, 10))]);

        var updated = Assert.Single(plan.Update);
        Assert.Equal("half", updated.Metadata!.Name);
        Assert.Equal(60, updated.Endpoints!.Count);
        Assert.Empty(plan.Create);
    }

    [Fact]
    public void Plan_PortsDiffer_SeparateSlicesAndStalePortSetsDeleted()
    {
        List<EndpointPort> other = [new EndpointPort { Name = "http", Port = 9090, Protocol = "TCP" }];
        var desired = new List<DesiredEndpoint> { Desired(1), Desired(2, ports: other) };
        var stale = new EndpointSlice { Metadata = new ObjectMeta { Name = "old" }, Ports = [new EndpointPort { Name = "x", Port = 1, Protocol = "UDP" }], Endpoints = [Desired(3).Endpoint] };

        var plan = EndpointSlicePlanner.Plan(Web, desired, [stale]);

        Assert.Equal([8080, 9090], plan.Create.Select(s => s.Ports![0].Port!.Value).Order());
        Assert.Equal("old", Assert.Single(plan.Delete).Metadata!.Name);
    }

    [Fact]
    public void Plan_NoEndpoints_KeepsOrCreatesOnePlaceholder()
    {
        var created = EndpointSlicePlanner.Plan(Web, [], [Existing("a", [1, 2])]);
        Assert.Equal("a", Assert.Single(created.Delete).Metadata!.Name);
        var placeholder = Assert.Single(created.Create);
        Assert.Empty(placeholder.Endpoints!);
        Assert.Empty(placeholder.Ports!);

        var kept = EndpointSlicePlanner.Plan(Web, [], [new EndpointSlice { Metadata = new ObjectMeta { Name = "p" }, Ports = [], Endpoints = [] }]);
        Assert.True(kept.IsEmpty);
    }

    [Fact]
    public void PortKey_IgnoresOrder()
    {
        var a = new EndpointPort { Name = "a", Port = 1, Protocol = "TCP" };
        var b = new EndpointPort { Name = "b", Port = 2, Protocol = "UDP" };

        Assert.Equal(EndpointSlicePlanner.PortKey([a, b]), EndpointSlicePlanner.PortKey([b, a]));
        Assert.NotEqual(EndpointSlicePlanner.PortKey([a]), EndpointSlicePlanner.PortKey([b]));
        Assert.Equal("a/TCP/1/", EndpointSlicePlanner.PortKey([a]).ToString(CultureInfo.InvariantCulture));
    }
}
