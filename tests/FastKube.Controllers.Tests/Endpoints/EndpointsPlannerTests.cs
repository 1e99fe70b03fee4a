using System.Globalization;
using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Endpoints;

namespace FastKube.Controllers.Tests.Endpoints;

public sealed class EndpointsPlannerTests
{
    private static Service Service(Action<ServiceSpec>? change = null)
    {
        var spec = new ServiceSpec
        {
            Selector = new() { ["app"] = "db" },
            Ports = [new ServicePort { Name = "sql", Port = 5432, TargetPort = new IntOrString("sql") }],
        };
        change?.Invoke(spec);
        return new Service { Metadata = new ObjectMeta { Name = "db", Namespace = "default", Labels = new() { ["tier"] = "data" } }, Spec = spec };
    }

    private static Pod Pod(string name, string ip, bool ready = true, int port = 5432, bool deleting = false, string phase = "Running") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = "uid-" + name, DeletionTimestamp = deleting ? DateTimeOffset.UnixEpoch : null },
        Spec = new PodSpec { NodeName = "n1", Containers = [new Container { Name = "db", Ports = [new ContainerPort { Name = "sql", Port = port }] }] },
        Status = new PodStatus { Phase = phase, PodIP = ip, Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    [Fact]
    public void Build_ReadyAndNotReadyPods_SplitAddressesAndGroupByPorts()
    {
        var endpoints = EndpointsPlanner.Build(Service(), [Pod("a", "10.0.0.2"), Pod("b", "10.0.0.1", ready: false), Pod("c", "10.0.0.3", port: 6432), Pod("gone", "10.0.0.9", deleting: true), Pod("done", "10.0.0.8", phase: "Succeeded"), Pod("new", null!)]);

        Assert.Equal(("db", "data"), (endpoints.Metadata!.Name, endpoints.Metadata.Labels!["tier"]));
        Assert.Equal(2, endpoints.Subsets!.Count);
        var main = endpoints.Subsets.Single(s => s.Ports![0].Port == 5432);
        Assert.Equal(["10.0.0.2"], main.Addresses!.Select(a => a.IP));
        Assert.Equal(["10.0.0.1"], main.NotReadyAddresses!.Select(a => a.IP));
        Assert.Equal(("Pod", "a", "n1"), (main.Addresses![0].TargetRef!.Kind, main.Addresses[0].TargetRef!.Name, main.Addresses[0].NodeName));
        Assert.Equal("sql", main.Ports![0].Name);
        Assert.Equal(["10.0.0.3"], endpoints.Subsets.Single(s => s.Ports![0].Port == 6432).Addresses!.Select(a => a.IP));
        Assert.Null(endpoints.Metadata.Annotations);
    }

    [Fact]
    public void Build_PublishNotReadyHeadless_AllAddressesReadyAndHeadlessLabel()
    {
        var endpoints = EndpointsPlanner.Build(Service(s => { s.PublishNotReadyAddresses = true; s.ClusterIP = "None"; }), [Pod("a", "10.0.0.1", ready: false), Pod("b", "10.0.0.2", deleting: true)]);

        Assert.Equal(2, Assert.Single(endpoints.Subsets!).Addresses!.Count);
        Assert.Equal("", endpoints.Metadata!.Labels![EndpointsPlanner.HeadlessLabel]);
    }

    [Theory]
    [InlineData(1200, 0, 1000, 0)]
    [InlineData(900, 300, 900, 100)]
    [InlineData(1000, 0, 1000, 0)]
    public void Build_OverThousandAddresses_TruncatesReadyFirstAndAnnotates(int ready, int notReady, int keptReady, int keptNotReady)
    {
        var pods = Enumerable.Range(0, ready + notReady).Select(i => Pod("p" + i.ToString(CultureInfo.InvariantCulture), $"10.{i / 256}.{i % 256}.1", ready: i < ready));

        var endpoints = EndpointsPlanner.Build(Service(), pods);

        var subset = Assert.Single(endpoints.Subsets!);
        Assert.Equal((keptReady, keptNotReady), (subset.Addresses?.Count ?? 0, subset.NotReadyAddresses?.Count ?? 0));
        Assert.Equal(ready + notReady > 1000 ? "truncated" : null, endpoints.Metadata!.Annotations?.GetValueOrDefault(EndpointsPlanner.OverCapacityAnnotation));
    }
}
