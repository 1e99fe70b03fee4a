namespace FastKube.NodeAgent.Pods;

/// <summary>
/// The seam for probe results (readiness, startup): the status builder asks whether a running container is
/// ready. The probe manager implements it; without probes every running container is ready.
/// Liveness failures go the other way, through <see cref="PodWorkers.RestartContainerAsync"/>.
/// </summary>
public interface IContainerHealth
{
    /// <summary>True/false from the container's readiness (and startup) probes; null when it has none (ready when running).</summary>
    bool? IsReady(string podUid, string containerName);
}
