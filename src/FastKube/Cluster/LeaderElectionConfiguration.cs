using FastKube.Api.Meta;

namespace FastKube.Cluster;

/// <summary>
/// The generic leader-election fields of upstream's component configs (LeaderElectionConfiguration in
/// KubeControllerManagerConfiguration.generic), with kube-controller-manager's defaults. Durations are Go
/// durations (<see cref="GoDuration"/>).
/// </summary>
internal sealed class LeaderElectionConfiguration
{
    /// <summary>Whether <c>fastkube controller-manager</c> runs the controllers only while it holds the Lease. Default true.</summary>
    public bool LeaderElect { get; set; } = true;

    /// <summary>How long a standby waits after the last renewal it saw before taking over. Default 15s.</summary>
    public string LeaseDuration { get; set; } = "15s";

    /// <summary>How long the leader keeps trying to renew before it gives up leading. Default 10s.</summary>
    public string RenewDeadline { get; set; } = "10s";

    /// <summary>Time between attempts to acquire or renew. Default 2s.</summary>
    public string RetryPeriod { get; set; } = "2s";

    /// <summary>The kind of lock. Only <c>leases</c> (upstream's default and only non-deprecated choice).</summary>
    public string ResourceLock { get; set; } = "leases";

    /// <summary>The Lease's name. Default kube-controller-manager, as upstream.</summary>
    public string ResourceName { get; set; } = "kube-controller-manager";

    /// <summary>The Lease's namespace. Default kube-system.</summary>
    public string ResourceNamespace { get; set; } = "kube-system";

    /// <summary>Field errors under <paramref name="prefix"/>, in upstream's shape.</summary>
    public List<string> Validate(string prefix)
    {
        var errors = new List<string>();
        var lease = Duration(errors, prefix + ".leaseDuration", LeaseDuration);
        var renew = Duration(errors, prefix + ".renewDeadline", RenewDeadline);
        var retry = Duration(errors, prefix + ".retryPeriod", RetryPeriod);
        if (errors.Count == 0 && LeaderElect)
        {
            // Client-go's NewLeaderElector rules.
            if (lease <= renew)
            {
                errors.Add($"{prefix}.leaseDuration: Invalid value: \"{LeaseDuration}\": must be greater than renewDeadline ({RenewDeadline})");
            }

            if (renew <= retry * Client.LeaderElection.LeaderElectionOptions.JitterFactor)
            {
                errors.Add($"{prefix}.renewDeadline: Invalid value: \"{RenewDeadline}\": must be greater than retryPeriod*1.2 ({RetryPeriod})");
            }
        }

        if (ResourceLock != "leases")
        {
            errors.Add($"{prefix}.resourceLock: Unsupported value: \"{ResourceLock}\": supported values: \"leases\"");
        }

        if (string.IsNullOrWhiteSpace(ResourceName))
        {
            errors.Add($"{prefix}.resourceName: Required value");
        }

        if (string.IsNullOrWhiteSpace(ResourceNamespace))
        {
            errors.Add($"{prefix}.resourceNamespace: Required value");
        }

        return errors;
    }

    public Client.LeaderElection.LeaderElectionOptions ToOptions(string identity)
    {
        GoDuration.TryParse(LeaseDuration, out var lease);
        GoDuration.TryParse(RenewDeadline, out var renew);
        GoDuration.TryParse(RetryPeriod, out var retry);
        return new() { Identity = identity, LeaseDuration = lease, RenewDeadline = renew, RetryPeriod = retry, ReleaseOnCancel = true };
    }

    private static TimeSpan Duration(List<string> errors, string field, string value)
    {
        if (!GoDuration.TryParse(value, out var parsed) || parsed <= TimeSpan.Zero)
        {
            errors.Add($"{field}: Invalid value: \"{value}\": must be a positive duration such as 15s or 1m30s");
        }

        return parsed;
    }
}
