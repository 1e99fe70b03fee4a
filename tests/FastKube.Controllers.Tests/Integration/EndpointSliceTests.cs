using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Controllers.EndpointSlices;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The EndpointSlice controller against the real API server; the test sets pod IPs and readiness as a kubelet would.</summary>
public sealed class EndpointSliceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task StartPodAsync(string name, string ip, bool ready)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "db" } },
            Spec = new PodSpec { NodeName = "n1", Containers = [new Container { Name = "db", Image = "postgres", Ports = [new ContainerPort { Name = "sql", Port = 5432 }] }] },
        };
        await Client.Resource<Pod>().CreateAsync(pod);
        await SetReadyAsync(name, ip, ready);
    }

    private Task SetReadyAsync(string name, string ip, bool ready) =>
        Client.Resource<Pod>().PatchStatusAsync("default", name, PatchType.Merge,
            """{"status":{"phase":"Running","podIP":"ADDRESS","podIPs":[{"ip":"ADDRESS"}],"conditions":[{"type":"Ready","status":"READY"}]}}""".Replace("ADDRESS", ip, StringComparison.Ordinal).Replace("READY", ready ? "True" : "False", StringComparison.Ordinal));

    private async Task<EndpointSlice> WaitForSliceAsync(Func<EndpointSlice, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var slices = (await Client.Resource<EndpointSlice>().ListAsync("default", new ListOptions { LabelSelector = "kubernetes.io/service-name=db" })).Items;
            if (slices.Count == 1 && done(slices[0]))
            {
                return slices[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting; slices now: {string.Join(" ", slices.Select(s => Api.Serialization.KubeJson.SerializeToString(s)))}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task ServiceWithPods_SliceFollowsReadinessAndDeletion()
    {
        await StartPodAsync("db-0", "10.1.0.10", ready: true);
        await StartPodAsync("db-1", "10.1.0.11", ready: false);
        await Client.Resource<Service>().CreateAsync(new Service
        {
            Metadata = new ObjectMeta { Name = "db", Namespace = "default" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "db" }, Ports = [new ServicePort { Name = "sql", Port = 5432, TargetPort = new Api.IntOrString("sql") }] },
        });

        var slice = await WaitForSliceAsync(s => s.Endpoints?.Count == 2);
        Assert.Equal("db", slice.Metadata!.Labels![EndpointSlicePlanner.ServiceNameLabel]);
        Assert.Equal(5432, Assert.Single(slice.Ports!).Port);
        Assert.Equal([("10.1.0.10", true), ("10.1.0.11", false)], slice.Endpoints!.Select(e => (e.Addresses![0], e.Conditions!.Ready!.Value)).Order());

        await SetReadyAsync("db-1", "10.1.0.11", ready: true);
        var updated = await WaitForSliceAsync(s => s.Endpoints!.All(e => e.Conditions!.Ready == true));
        Assert.Equal(slice.Metadata.Name, updated.Metadata!.Name);

        await Client.Resource<Pod>().DeleteAsync("default", "db-0", new DeleteOptions { GracePeriodSeconds = 0 });
        await WaitForSliceAsync(s => s.Endpoints!.Count == 1 && s.Endpoints[0].Addresses![0] == "10.1.0.11");
    }
}
