namespace FastKube.Balancer.Configuration;

/// <summary>Passive health: connect failures in a row eject a backend from selection for a backoff.</summary>
/// <param name="FailureThreshold">Consecutive failed connects that eject (Envoy's outlier detection defaults to 5 consecutive 5xx/connect failures).</param>
/// <param name="Backoff">First ejection length; each further ejection without a successful connect in between doubles it, up to <see cref="MaxBackoff"/>.</param>
/// <param name="MaxBackoff">Cap of the doubling.</param>
public sealed record HealthOptions(int FailureThreshold, TimeSpan Backoff, TimeSpan MaxBackoff)
{
    public static HealthOptions Default { get; } = new(5, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));
}
