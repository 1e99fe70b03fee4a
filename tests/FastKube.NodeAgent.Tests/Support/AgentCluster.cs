using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client;

namespace FastKube.NodeAgent.Tests.Support;

/// <summary>The real API server in-process (memory store) and a client on its admin kubeconfig, for agents to register with.</summary>
internal sealed class AgentCluster : IAsyncDisposable
{
    private readonly TestCluster _cluster;

    private AgentCluster(TestCluster cluster, KubeClient client)
    {
        _cluster = cluster;
        Client = client;
    }

    public KubeClient Client { get; }

    public static async Task<AgentCluster> StartAsync()
    {
        var cluster = await TestCluster.StartAsync();
        return new AgentCluster(cluster, KubeClient.FromKubeconfig(cluster.KubeconfigPath, options: new KubeClientOptions { Qps = 0 }));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _cluster.DisposeAsync();
    }
}
