namespace FastKube.NodeAgent.Probes;

/// <summary>What the status computation asks about probes.</summary>
internal interface IContainerHealth
{
    /// <summary>
    /// The container's readiness from its readiness probe for the current container id; null when the
    /// container has no readiness probe (the loop then treats a running container as ready, as upstream).
    /// </summary>
    bool? IsReady(string podUid, string containerName);
}
