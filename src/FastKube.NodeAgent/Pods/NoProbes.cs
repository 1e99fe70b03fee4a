namespace FastKube.NodeAgent.Pods;

/// <summary>The health source while no probe manager is plugged in: no container has probes.</summary>
internal sealed class NoProbes : IContainerHealth
{
    public static NoProbes Instance { get; } = new();

    public bool? IsReady(string podUid, string containerName) => null;
}
