using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Client.LeaderElection;

/// <summary>
/// Timing of leader election; defaults are kube-controller-manager's (15 s lease, 10 s renew deadline, 2 s retry).
/// A standby takes over at most LeaseDuration after the leader's last renewal; the leader gives up after
/// RenewDeadline without one, before anyone else may take over.
/// </summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Upstream's jitter on the retry period while waiting to acquire (1.2: waits 2 s to 4.4 s).</summary>
    public const double JitterFactor = 1.2;

    /// <summary>This candidate's identity, written to holderIdentity (upstream uses hostname + "_" + a UUID).</summary>
    public required string Identity { get; init; }

    /// <summary>How long a standby waits after last seeing the record change before taking over. Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before it stops leading. Default 10 s.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between attempts to acquire or renew. Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On cancellation, the leader clears holderIdentity so a standby need not wait the lease out. Default false, as upstream.</summary>
    public bool ReleaseOnCancel { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Upstream's rules: LeaseDuration &gt; RenewDeadline &gt; JitterFactor × RetryPeriod, all positive.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Identity);
        if (RetryPeriod <= TimeSpan.Zero || LeaseDuration <= RenewDeadline || RenewDeadline <= RetryPeriod * JitterFactor)
        {
            throw new ArgumentException(
                $"leader election timing: need leaseDuration ({LeaseDuration}) > renewDeadline ({RenewDeadline}) > {JitterFactor} × retryPeriod ({RetryPeriod}) > 0");
        }
    }
}
