using FastKube.Api.Coordination;
using FastKube.Client.LeaderElection;
using FastKube.Client.Testing;

namespace FastKube.Client.Tests.LeaderElection;

/// <summary>Leader election on an in-memory lease with a manual clock: every step of time is the test's.</summary>
public sealed class LeaderElectorTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryLeaseLock _lease = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Candidate> _candidates = [];

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_NoLease_CreatesItAndLeads()
    {
        var a = Start("a");

        await a.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var spec = _lease.Current!.Spec!;
        Assert.Equal("a", spec.HolderIdentity);
        Assert.Equal(15, spec.LeaseDurationSeconds);
        Assert.Equal(0, spec.LeaseTransitions);
        Assert.Equal(_time.GetUtcNow(), spec.AcquireTime);
        Assert.True(a.Elector.IsLeader);
    }

    [Fact]
    public async Task RunAsync_Leading_RenewsEveryRetryPeriodKeepingAcquireTime()
    {
        var a = Start("a");
        await a.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var acquired = _lease.Current!.Spec!.AcquireTime;

        await Step(TimeSpan.FromSeconds(2));
        await Settle();

        var spec = _lease.Current!.Spec!;
        Assert.Equal(acquired, spec.AcquireTime);
        Assert.Equal(acquired + TimeSpan.FromSeconds(2), spec.RenewTime);
        Assert.Equal(0, spec.LeaseTransitions);
    }

    [Fact]
    public async Task RunAsync_LeaderStopsRenewing_LeaderStepsDownThenStandbyTakesOver()
    {
        var aLock = new BreakableLock(_lease);
        var a = Start("a", aLock);
        await a.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var b = Start("b");
        await Settle();
        Assert.False(b.Started.Task.IsCompleted, "b must wait while a's lease is fresh");
        var lastRenewal = _lease.Current!.Spec!.RenewTime!.Value;

        aLock.Broken = true;
        for (var i = 0; i < 60 && !b.Elector.IsLeader; i++)
        {
            await Step(TimeSpan.FromSeconds(1));
        }

        await b.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var spec = _lease.Current!.Spec!;
        var bAcquired = spec.AcquireTime!.Value;
        Assert.True(a.LeadingToken.IsCancellationRequested, "a's leading token was cancelled");
        Assert.False(a.Elector.IsLeader);
        Assert.True(a.StoppedAt < bAcquired, $"a stopped at {a.StoppedAt}, b acquired at {bAcquired}");
        Assert.True(a.StoppedAt - lastRenewal >= TimeSpan.FromSeconds(10), "a kept trying for the renew deadline");
        Assert.True(bAcquired - lastRenewal >= TimeSpan.FromSeconds(15), "b waited out the lease duration");
        Assert.Equal("b", spec.HolderIdentity);
        Assert.Equal(1, spec.LeaseTransitions);
    }

    [Fact]
    public async Task RunAsync_CancelledWithRelease_StandbyTakesOverAtNextAttempt()
    {
        using var stopA = new CancellationTokenSource();
        var a = Start("a", release: true, stop: stopA.Token);
        await a.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var b = Start("b");
        await Settle();

        await stopA.CancelAsync();
        await a.Run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("", _lease.Current!.Spec!.HolderIdentity ?? "");
        for (var i = 0; i < 10 && !b.Elector.IsLeader; i++)
        {
            await Step(TimeSpan.FromSeconds(1));
        }

        await b.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var spec = _lease.Current!.Spec!;
        Assert.Equal("b", spec.HolderIdentity);
        Assert.True(spec.AcquireTime - a.StoppedAt <= TimeSpan.FromSeconds(5), "b took the released lease without waiting it out");
        Assert.Equal(1, spec.LeaseTransitions);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringARenewal_ReturnsAfterStoppedLeading()
    {
        using var stopA = new CancellationTokenSource();
        var aLock = new BreakableLock(_lease);
        var a = Start("a", aLock, stop: stopA.Token);
        await a.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        aLock.Stalled = true;
        await Step(TimeSpan.FromSeconds(2));

        await stopA.CancelAsync();
        await a.Run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(_time.GetUtcNow(), a.StoppedAt);
        Assert.True(a.LeadingToken.IsCancellationRequested);
    }

    [Fact]
    public void Constructor_RenewDeadlineNotBelowLeaseDuration_Throws()
    {
        var options = new LeaderElectionOptions { Identity = "a", LeaseDuration = TimeSpan.FromSeconds(10), RenewDeadline = TimeSpan.FromSeconds(10) };

        var e = Assert.Throws<ArgumentException>(() => new LeaderElector(_lease, options));

        Assert.Contains("leaseDuration", e.Message, StringComparison.Ordinal);
    }

    private Candidate Start(string identity, ILeaseLock? leaseLock = null, bool release = false, CancellationToken stop = default)
    {
        var elector = new LeaderElector(leaseLock ?? _lease, new LeaderElectionOptions { Identity = identity, TimeProvider = _time, ReleaseOnCancel = release });
        var candidate = new Candidate(elector);
        var token = stop.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, stop).Token : _stop.Token;
        candidate.Run = elector.RunAsync(
            leading =>
            {
                candidate.LeadingToken = leading;
                candidate.Started.SetResult();
                return Task.CompletedTask;
            },
            () => candidate.StoppedAt = _time.GetUtcNow(),
            token);
        _candidates.Add(candidate);
        return candidate;
    }

    private async Task Step(TimeSpan by)
    {
        await Settle();
        _time.Advance(by);
        await Settle();
    }

    // Waits until every candidate still running is parked on its next delay, so the clock can move.
    private async Task Settle()
    {
        var guard = DateTime.UtcNow.AddSeconds(60);
        while (_time.ActiveTimers < _candidates.Count(c => !c.Run.IsCompleted))
        {
            Assert.True(DateTime.UtcNow < guard, "candidates did not settle");
            await Task.Yield();
        }
    }

    private sealed class Candidate(LeaderElector elector)
    {
        public LeaderElector Elector => elector;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken LeadingToken { get; set; }

        public DateTimeOffset StoppedAt { get; set; }

        public Task Run { get; set; } = Task.CompletedTask;
    }

    /// <summary>One candidate's view of the shared lease that can be cut off (its API server unreachable) or stalled (a request that never answers).</summary>
    private sealed class BreakableLock(ILeaseLock inner) : ILeaseLock
    {
        public bool Broken { get; set; }

        public bool Stalled { get; set; }

        public string Description => inner.Description;

        public Task<Lease?> GetAsync(CancellationToken cancellationToken) => Stalled ? Stall<Lease?>(cancellationToken) : Broken ? Unreachable<Lease?>() : inner.GetAsync(cancellationToken);

        public Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken) => Broken ? Unreachable<Lease>() : inner.CreateAsync(lease, cancellationToken);

        public Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken) => Broken ? Unreachable<Lease>() : inner.UpdateAsync(lease, cancellationToken);

        private static async Task<T> Stall<T>(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable: an infinite delay ended without cancellation");
        }

        private static Task<T> Unreachable<T>() => Task.FromException<T>(new HttpRequestException("unreachable"));
    }
}
