using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client.LeaderElection;

namespace FastKube.Client.Tests.LeaderElection;

/// <summary>Two candidates on a real Lease in the API server, on the real clock with short (but loaded-machine-safe) timings.</summary>
public sealed class LeaseLockTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private KubeClient _client = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _client = KubeClient.FromKubeconfig(_cluster.KubeconfigPath, options: new KubeClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_LeaderStopsRenewing_OtherCandidateTakesTheLease()
    {
        var leaseLock = new LeaseLock(_client, "default", "controller-manager");
        using var stopA = new CancellationTokenSource();
        using var stopAll = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var aLeading = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bLeading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var aToken = CancellationTokenSource.CreateLinkedTokenSource(stopA.Token, stopAll.Token);
        var a = new LeaderElector(leaseLock, Options("a")).RunAsync(t => { aLeading.SetResult(t); return Task.CompletedTask; }, null, aToken.Token);
        var leadingToken = await aLeading.Task.WaitAsync(stopAll.Token);
        var b = new LeaderElector(leaseLock, Options("b")).RunAsync(_ => { bLeading.SetResult(); return Task.CompletedTask; }, null, stopAll.Token);

        // a "crashes": it stops renewing without releasing, so b must wait the lease out.
        await stopA.CancelAsync();
        await a;
        await bLeading.Task.WaitAsync(stopAll.Token);

        var lease = await _client.Resource<Api.Coordination.Lease>().GetAsync("default", "controller-manager");
        Assert.True(leadingToken.IsCancellationRequested);
        Assert.Equal("b", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        Assert.Equal(3, lease.Spec.LeaseDurationSeconds);
        await stopAll.CancelAsync();
        await b;
    }

    private static LeaderElectionOptions Options(string identity) => new()
    {
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromSeconds(2),
        RetryPeriod = TimeSpan.FromMilliseconds(500),
    };
}
