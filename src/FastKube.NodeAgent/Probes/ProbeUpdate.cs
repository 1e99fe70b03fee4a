namespace FastKube.NodeAgent.Probes;

/// <summary>
/// A change of a probe's cached result (after success/failure thresholds), or one failed attempt.
/// <see cref="Message"/> is upstream's event text for failures ("Liveness probe failed: …") and the probe
/// output otherwise.
/// </summary>
internal sealed record ProbeUpdate(
    string PodUid,
    string ContainerName,
    string ContainerId,
    ProbeType Type,
    ProbeResult Result,
    string Message)
{
    /// <summary>The event reason upstream records for a failed probe and for a liveness-triggered restart.</summary>
    public const string UnhealthyReason = "Unhealthy";

    /// <summary>
    /// True when this update means the container must be killed and restarted (liveness or startup
    /// failed past its threshold); the loop stops it with <see cref="UnhealthyReason"/> and <see cref="Message"/>.
    /// </summary>
    public bool RequiresRestart => Result == ProbeResult.Failure && Type is ProbeType.Liveness or ProbeType.Startup;
}
