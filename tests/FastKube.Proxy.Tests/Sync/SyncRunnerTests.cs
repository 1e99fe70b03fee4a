using FastKube.Client.Testing;
using FastKube.Proxy.Sync;

namespace FastKube.Proxy.Tests.Sync;

/// <summary>The runner on a manual clock: the tests step time only while the runner is known to be waiting.</summary>
public sealed class SyncRunnerTests : IAsyncLifetime
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _time = new();
    private readonly SyncRunner _runner;
    private bool _fail;

    public SyncRunnerTests() => _runner = new SyncRunner(() => !_fail, Min, Max, _time);

    public Task InitializeAsync()
    {
        _runner.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Fact]
    public async Task Request_First_SyncsWithoutWaiting()
    {
        _runner.Request();

        await Until(() => _runner.Syncs == 1);
    }

    [Fact]
    public async Task Request_WithinMinSyncPeriod_WaitsForItThenBatchesAllRequestsIntoOneSync()
    {
        _runner.Request();
        await Until(() => _runner.Syncs == 1 && _runner.Phase == SyncPhase.Idle);

        _runner.Request();
        await Until(() => _runner.Phase == SyncPhase.RateLimited);
        _runner.Request();
        _runner.Request();
        _time.Advance(Min - TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);
        Assert.Equal(1, _runner.Syncs);
        Assert.Equal(SyncPhase.RateLimited, _runner.Phase);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Until(() => _runner.Syncs == 2 && _runner.Phase == SyncPhase.Idle);
        _time.Advance(Min);
        await Task.Delay(20);
        Assert.Equal(2, _runner.Syncs);
    }

    [Fact]
    public async Task NoRequests_SyncPeriodElapsed_PeriodicSyncRuns()
    {
        _runner.Request();
        await Until(() => _runner.Syncs == 1 && _runner.Phase == SyncPhase.Idle && _time.ActiveTimers == 1);

        _time.Advance(Max - TimeSpan.FromSeconds(1));
        await Task.Delay(20);
        Assert.Equal(1, _runner.Syncs);
        _time.Advance(TimeSpan.FromSeconds(1));

        await Until(() => _runner.Syncs == 2);
    }

    [Fact]
    public async Task FailedSync_RetriedAfterMinSyncPeriod()
    {
        _fail = true;
        _runner.Request();
        await Until(() => _runner.Syncs == 1 && _runner.Phase == SyncPhase.RateLimited);
        _fail = false;

        _time.Advance(Min);

        await Until(() => _runner.Syncs == 2 && _runner.Phase == SyncPhase.Idle);
    }

    private async Task Until(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !condition(); await Task.Delay(5))
        {
            Assert.True(DateTime.UtcNow < deadline, $"still waiting: {_runner.Syncs} syncs, phase {_runner.Phase}, {_time.ActiveTimers} timers");
        }
    }
}
