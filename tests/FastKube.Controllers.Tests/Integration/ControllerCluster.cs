using FastKube.ApiServer.Tests.Hosting;
using FastKube.Api.Meta;
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

    public string KubeconfigPath => _cluster.KubeconfigPath;

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds, failing with the last value after a minute (generous for a loaded machine).</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, Action? tick = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting; last seen: {Api.Serialization.KubeJson.SerializeToString(value)}");
            tick?.Invoke();
            await Task.Delay(50);
        }
    }

    public static async Task<ControllerCluster> StartAsync(ControllerManagerOptions? options = null)
    {
        var cluster = await TestCluster.StartAsync();
        var client = KubeClient.FromKubeconfig(cluster.KubeconfigPath, options: new KubeClientOptions { Qps = 0 });
        var manager = await ControllerManager.StartAsync(client, options ?? new ControllerManagerOptions(), NullLoggerFactory.Instance, CancellationToken.None);
        return new ControllerCluster(cluster, client, manager);
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="done"/> holds (a loaded machine may take a while, so the
    /// deadline is generous); fails naming <paramref name="what"/> and the last value seen.
    /// </summary>
    public static async Task<T> WaitForAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"gave up waiting for {what}; last seen: {Describe(value)}");
            }

            await Task.Delay(50);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        KubeObject obj => System.Text.Encoding.UTF8.GetString(Api.Serialization.KubeJson.Serialize((object)obj)),
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.ToString() ?? "",
    };

    public async ValueTask DisposeAsync()
    {
        await _manager.DisposeAsync();
        Client.Dispose();
        await _cluster.DisposeAsync();
    }
}
