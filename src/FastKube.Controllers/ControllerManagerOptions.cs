namespace FastKube.Controllers;

/// <summary>
/// Settings of the controller manager, named after upstream's KubeControllerManagerConfiguration fields
/// (concurrent*Syncs, controllers); defaults are upstream's.
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

    /// <summary>Finished Jobs whose TTL is checked at once. Default 5, as upstream's concurrentTTLSyncs.</summary>
    public int ConcurrentTtlSyncs { get; init; } = 5;

    /// <summary>Nodes whose health and evictions are synced at once (upstream runs one monitor loop; this is FastKube's).</summary>
    public int ConcurrentNodeLifecycleSyncs { get; init; } = 5;

    /// <summary>Upstream's nodeMonitorGracePeriod (50 s since 1.32): how long a silent node stays Ready.</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = Nodes.NodeHealth.DefaultGracePeriod;
    /// <summary>Terminating namespaces emptied at once. Default 10, as upstream's concurrentNamespaceSyncs.</summary>
    public int ConcurrentNamespaceSyncs { get; init; } = 10;

    /// <summary>Objects the garbage collector works on at once. Default 20, as upstream's concurrentGCSyncs.</summary>
    public int ConcurrentGCSyncs { get; init; } = 20;

    /// <summary>Which controllers run (<see cref="ControllerSelection"/>). Default <c>["*"]</c>: all of them.</summary>
    public IReadOnlyList<string> Controllers { get; init; } = ["*"];

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
