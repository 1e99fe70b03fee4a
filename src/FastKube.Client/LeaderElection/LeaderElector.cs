using FastKube.Api.Coordination;
using FastKube.Api.Meta;
using Microsoft.Extensions.Logging;

namespace FastKube.Client.LeaderElection;

/// <summary>
/// Leader election on a Lease, as client-go's leaderelection: candidates try every RetryPeriod; the holder renews
/// (renewTime) every RetryPeriod and stops leading when no renewal succeeds for RenewDeadline; a standby takes an
/// expired lease, counting leaseTransitions. Expiry is judged by the local clock from when this candidate last
/// saw the record change, never by comparing clocks with the holder.
/// </summary>
public sealed class LeaderElector
{
    private readonly ILeaseLock _lock;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private LeaseSpec? _observed;
    private long _observedAt;
    private Lease? _lease;
    private volatile bool _leading;

    public LeaderElector(ILeaseLock leaseLock, LeaderElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(leaseLock);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _lock = leaseLock;
        _options = options;
        _time = options.TimeProvider;
        _logger = options.LoggerFactory.CreateLogger<LeaderElector>();
    }

    /// <summary>Raised (on the election loop) when the lease's holder changes to someone, including this candidate.</summary>
    public event Action<string>? NewLeader;

    public bool IsLeader => _leading;

    /// <summary>The holder in the last record this candidate saw.</summary>
    public string? ObservedHolder => _observed?.HolderIdentity;

    /// <summary>
    /// Campaigns until this candidate leads, then runs <paramref name="onStartedLeading"/> with a token that is
    /// cancelled the moment leadership is lost (or <paramref name="cancellationToken"/> fires), calls
    /// <paramref name="onStoppedLeading"/>, and returns. Callers that want to stand again call it again; most
    /// components exit instead, as upstream's do.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, Action? onStoppedLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onStartedLeading);
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _leading = true;
        ClientLog.StartedLeading(_logger, _options.Identity, _lock.Description);
        var work = Task.Run(() => onStartedLeading(leading.Token), CancellationToken.None);
        try
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _leading = false;
            await leading.CancelAsync().ConfigureAwait(false);
            ClientLog.StoppedLeading(_logger, _options.Identity, _lock.Description);
            if (cancellationToken.IsCancellationRequested && _options.ReleaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }

            onStoppedLeading?.Invoke();
        }

        // The leading work saw its token cancelled; its own failure is its caller's to observe, not the election's.
        _ = work.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(_options.RenewDeadline, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            var jittered = _options.RetryPeriod * (1 + (Random.Shared.NextDouble() * (LeaderElectionOptions.JitterFactor - 1)));
            if (!await DelayAsync(jittered, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return false;
    }

    // Renews every RetryPeriod; gives up once RenewDeadline has passed since the last successful renewal.
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var lastRenewal = _time.GetTimestamp();
        while (await DelayAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false))
        {
            var left = _options.RenewDeadline - _time.GetElapsedTime(lastRenewal);
            if (left > TimeSpan.Zero && await TryAcquireOrRenewAsync(left, cancellationToken).ConfigureAwait(false))
            {
                lastRenewal = _time.GetTimestamp();
                continue;
            }

            if (_time.GetElapsedTime(lastRenewal) >= _options.RenewDeadline)
            {
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        using var attempt = new CancellationTokenSource(bound, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var current = await _lock.GetAsync(linked.Token).ConfigureAwait(false);
            if (current is null)
            {
                var created = await _lock.CreateAsync(new Lease { Metadata = new ObjectMeta(), Spec = Record(now, now, 0) }, linked.Token).ConfigureAwait(false);
                Observe(created);
                return true;
            }

            Observe(current);
            var record = current.Spec ?? new LeaseSpec();
            var heldByOther = !string.IsNullOrEmpty(record.HolderIdentity) && record.HolderIdentity != _options.Identity;
            var expiresAt = _observedAt + (long)((record.LeaseDurationSeconds ?? 0) * (double)_time.TimestampFrequency);
            if (heldByOther && _time.GetTimestamp() < expiresAt)
            {
                return false;
            }

            var mine = record.HolderIdentity == _options.Identity;
            current.Spec = mine
                ? Record(record.AcquireTime ?? now, now, record.LeaseTransitions ?? 0)
                : Record(now, now, (record.LeaseTransitions ?? 0) + 1);
            Observe(await _lock.UpdateAsync(current, linked.Token).ConfigureAwait(false));
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping mid-request is a normal stop: the loops see the token and wind down (release, onStoppedLeading).
            return false;
        }
#pragma warning disable CA1031 // A failed attempt (conflict, timeout, server down) is a "no" this round; the loop retries.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClientLog.LeaseAttemptFailed(_logger, _lock.Description, _options.Identity, e);
            return false;
        }
    }

    private LeaseSpec Record(DateTimeOffset acquired, DateTimeOffset renewed, int transitions) => new()
    {
        HolderIdentity = _options.Identity,
        LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
        AcquireTime = acquired,
        RenewTime = renewed,
        LeaseTransitions = transitions,
    };

    // The local time a record was first seen is what expiry counts from (upstream's observedTime).
    private void Observe(Lease lease)
    {
        _lease = lease;
        var record = lease.Spec ?? new LeaseSpec();
        if (_observed is { } seen && seen.HolderIdentity == record.HolderIdentity && seen.RenewTime == record.RenewTime
            && seen.AcquireTime == record.AcquireTime && seen.LeaseTransitions == record.LeaseTransitions && seen.LeaseDurationSeconds == record.LeaseDurationSeconds)
        {
            return;
        }

        var holderChanged = _observed?.HolderIdentity != record.HolderIdentity;
        _observed = record;
        _observedAt = _time.GetTimestamp();
        if (holderChanged && !string.IsNullOrEmpty(record.HolderIdentity))
        {
            ClientLog.NewLeader(_logger, _lock.Description, record.HolderIdentity);
            NewLeader?.Invoke(record.HolderIdentity);
        }
    }

    // Clears the holder (upstream's release: leaseDurationSeconds 1, transitions kept) so a standby takes over at once.
    private async Task ReleaseAsync()
    {
        if (_lease is not { } lease || lease.Spec?.HolderIdentity != _options.Identity)
        {
            return;
        }

        var now = _time.GetUtcNow();
        lease.Spec = new LeaseSpec { LeaseDurationSeconds = 1, AcquireTime = now, RenewTime = now, LeaseTransitions = lease.Spec.LeaseTransitions };
        try
        {
            using var bound = new CancellationTokenSource(_options.RenewDeadline, _time);
            Observe(await _lock.UpdateAsync(lease, bound.Token).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // Best effort: the lease expires on its own anyway.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClientLog.LeaseAttemptFailed(_logger, _lock.Description, _options.Identity, e);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
