using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The legacy Endpoints controller against the real API server; the test sets pod IPs and readiness as a kubelet would.</summary>
public sealed class EndpointsTests : IAsyncLifetime
{
    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task PodAsync(string name, string ip, bool ready)
    {
        await Client.Resource<Pod>().CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx" }] },
        });
        await Client.Resource<Pod>().PatchStatusAsync("default", name, PatchType.Merge,
            """{"status":{"phase":"Running","podIP":"ADDRESS","conditions":[{"type":"Ready","status":"READY"}]}}""".Replace("ADDRESS", ip, StringComparison.Ordinal).Replace("READY", ready ? "True" : "False", StringComparison.Ordinal));
    }

    private Task<Api.Core.Endpoints?> EndpointsAsync() => Client.Resource<Api.Core.Endpoints>().TryGetAsync("default", "web");

    [Fact]
    public async Task Service_EndpointsMirrorItsPodsAndGoWithIt()
    {
        await PodAsync("web-a", "10.2.0.1", ready: true);
        await PodAsync("web-b", "10.2.0.2", ready: false);
        await Client.Resource<Service>().CreateAsync(new Service
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = new Api.IntOrString(8080) }] },
        });

        var endpoints = await ControllerCluster.WaitAsync(EndpointsAsync, e => e?.Subsets is { Count: 1 } s && s[0].NotReadyAddresses is { Count: 1 });
        var subset = endpoints!.Subsets![0];
        Assert.Equal(["10.2.0.1"], subset.Addresses!.Select(a => a.IP));
        Assert.Equal(("http", 8080), (subset.Ports![0].Name!, subset.Ports[0].Port!.Value));

        await Client.Resource<Pod>().DeleteAsync("default", "web-a");
        await ControllerCluster.WaitAsync(EndpointsAsync, e => e?.Subsets is { Count: 1 } s && s[0].Addresses is null);

        await Client.Resource<Service>().DeleteAsync("default", "web");
        await ControllerCluster.WaitAsync(EndpointsAsync, e => e is null);
    }
}
