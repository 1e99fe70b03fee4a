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

    // Workload controllers: upstream's concurrentJobSyncs, concurrentDaemonSetSyncs, concurrentStatefulSetSyncs, concurrentEndpointSyncs.
    public int ConcurrentJobSyncs { get; init; } = 5;

    public int ConcurrentDaemonSetSyncs { get; init; } = 2;

    public int ConcurrentStatefulSetSyncs { get; init; } = 5;

    public int ConcurrentEndpointSyncs { get; init; } = 5;

    /// <summary>Nodes whose health and evictions are synced at once (upstream runs one monitor loop; this is FastKube's).</summary>
    public int ConcurrentNodeLifecycleSyncs { get; init; } = 5;

    /// <summary>Upstream's nodeMonitorGracePeriod (50 s since 1.32): how long a silent node stays Ready.</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = Nodes.NodeHealth.DefaultGracePeriod;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
