namespace FastKube.Controllers;

/// <summary>
/// Settings of the controller manager, named after upstream's KubeControllerManagerConfiguration fields
/// (concurrent*Syncs); defaults are upstream's.
/// </summary>
public sealed record ControllerManagerOptions
{
    public int ConcurrentReplicaSetSyncs { get; init; } = 5;

    public int ConcurrentDeploymentSyncs { get; init; } = 5;

    public int ConcurrentEndpointSliceSyncs { get; init; } = 5;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
