using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The real API server in-process (memory store), a client on its admin kubeconfig, and the controller manager running against it.</summary>
internal sealed class ControllerCluster : IAsyncDisposable
{
    private readonly TestCluster _cluster;
    private readonly ControllerManager _manager;

    private ControllerCluster(TestCluster cluster, KubeClient client, ControllerManager manager)
    {
        _cluster = cluster;
        Client = client;
        _manager = manager;
    }

    public KubeClient Client { get; }

    public static async Task<ControllerCluster> StartAsync()
    {
        var cluster = await TestCluster.StartAsync();
        var client = KubeClient.FromKubeconfig(cluster.KubeconfigPath, options: new KubeClientOptions { Qps = 0 });
        var manager = await ControllerManager.StartAsync(client, new ControllerManagerOptions(), NullLoggerFactory.Instance, CancellationToken.None);
        return new ControllerCluster(cluster, client, manager);
    }

    public async ValueTask DisposeAsync()
    {
        await _manager.DisposeAsync();
        Client.Dispose();
        await _cluster.DisposeAsync();
    }
}
