using FastKube.Controllers;
using FastKube.ApiServer.Hosting;

namespace FastKube.Cluster;

/// <summary>
/// The configuration file of <c>fastkube up</c> (<c>--config</c>): apiVersion fastkube.io/v1alpha1,
/// kind ClusterConfiguration. Every field is optional; the defaults are written here and printed by
/// <c>fastkube config defaults</c>. Command-line flags given explicitly override the file.
/// </summary>
internal sealed class ClusterConfiguration
{
    public const string CurrentApiVersion = "fastkube.io/v1alpha1";
    public const string KindName = "ClusterConfiguration";

    public string ApiVersion { get; set; } = CurrentApiVersion;

    public string Kind { get; set; } = KindName;

    /// <summary>Where the store, certificates and kubeconfig live. Default: $HOME/.fastkube.</summary>
    public string DataDir { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fastkube");

    public ApiServerConfiguration ApiServer { get; set; } = new();

    public StoreConfiguration Store { get; set; } = new();

    public ControllerManagerConfiguration ControllerManager { get; set; } = new();

    public NodeConfiguration Node { get; set; } = new();
}

/// <summary>The node agent <c>up</c> runs next to the control plane.</summary>
internal sealed class NodeConfiguration
{
    public const string None = "none";

    public static readonly string[] Runtimes = ["containerd", "remote", "simulated", None];

    /// <summary>
    /// containerd (default): a containerd the agent manages, installed through apt when missing (root), else the
    /// simulated runtime with the reason printed; remote: the kubelet configuration's containerRuntimeEndpoint;
    /// simulated: a hollow node; none: no node.
    /// </summary>
    public string Runtime { get; set; } = "containerd";

    /// <summary>A KubeletConfiguration file; empty: upstream's defaults with rootDirectory and podLogsDirectory under dataDir.</summary>
    public string KubeletConfig { get; set; } = "";

    /// <summary>Run the service proxy (nf_tables over netlink) for the node; it needs root and a node that runs containers.</summary>
    public bool Proxy { get; set; } = true;

    /// <summary>A KubeProxyConfiguration file; empty: defaults with clusterCIDR = the node's pod CIDR.</summary>
    public string ProxyConfig { get; set; } = "";
}

internal sealed class ApiServerConfiguration
{
    /// <summary>Listen address. Default 127.0.0.1 (a single-node cluster reachable from this machine only).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Secure port. Default 6443, as kube-apiserver; 0 picks a free port.</summary>
    public int Port { get; set; } = ApiServerOptions.DefaultPort;

    /// <summary>Largest request body; larger ones get 413. Default 3 MiB, as kube-apiserver.</summary>
    public long MaxRequestBodyBytes { get; set; } = ApiServerOptions.DefaultMaxRequestBodyBytes;

    /// <summary>IPv4 CIDR Service ClusterIPs come from. Default 10.96.0.0/12, as kubeadm's --service-cluster-ip-range.</summary>
    public string ServiceClusterIPRange { get; set; } = "10.96.0.0/12";

    /// <summary>Node ports for NodePort and LoadBalancer Services. Default 30000-32767, as kube-apiserver.</summary>
    public string ServiceNodePortRange { get; set; } = "30000-32767";
}

internal sealed class StoreConfiguration
{
    /// <summary>Most writes in one SQLite transaction (group commit). Default 1024; 1 means one fsync per write.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>
    /// Events a store watcher may lag behind before it is ended as too slow. Default 16384: the API server's
    /// watch-cache feed is the store's one watcher, and a write burst while it waits for CPU must not force
    /// every cache to re-list.
    /// </summary>
    public int WatchCapacity { get; set; } = 16384;
}

/// <summary>The controller manager's settings, named as upstream's KubeControllerManagerConfiguration; defaults are upstream's.</summary>
internal sealed class ControllerManagerConfiguration
{
    /// <summary>ReplicaSets synced at once. Default 5.</summary>
    public int ConcurrentReplicaSetSyncs { get; set; } = 5;

    /// <summary>Deployments synced at once. Default 5.</summary>
    public int ConcurrentDeploymentSyncs { get; set; } = 5;

    /// <summary>Services whose EndpointSlices are synced at once. Default 5.</summary>
    public int ConcurrentEndpointSliceSyncs { get; set; } = 5;

    /// <summary>Jobs synced at once. Default 5.</summary>
    public int ConcurrentJobSyncs { get; set; } = 5;

    /// <summary>Finished Jobs whose ttlSecondsAfterFinished is checked at once. Default 5.</summary>
    public int ConcurrentTTLSyncs { get; set; } = 5;

    /// <summary>DaemonSets synced at once. Default 2.</summary>
    public int ConcurrentDaemonSetSyncs { get; set; } = 2;

    /// <summary>StatefulSets synced at once. Default 5.</summary>
    public int ConcurrentStatefulSetSyncs { get; set; } = 5;

    /// <summary>Services whose legacy Endpoints are synced at once. Default 5.</summary>
    public int ConcurrentEndpointSyncs { get; set; } = 5;

    /// <summary>Nodes whose health and pod evictions are synced at once. Default 5.</summary>
    public int ConcurrentNodeLifecycleSyncs { get; set; } = 5;

    /// <summary>Seconds a node may go without a heartbeat before it is Ready=Unknown. Default 50, as upstream 1.32.</summary>
    public int NodeMonitorGracePeriodSeconds { get; set; } = 50;
    /// <summary>Terminating namespaces emptied at once. Default 10.</summary>
    public int ConcurrentNamespaceSyncs { get; set; } = 10;

    /// <summary>Objects the garbage collector works on at once. Default 20.</summary>
    public int ConcurrentGCSyncs { get; set; } = 20;

    /// <summary>Which controllers run: <c>*</c> (all), <c>name</c>, <c>-name</c>, as upstream's --controllers. Default [*].</summary>
    public List<string> Controllers { get; set; } = ["*"];

    /// <summary>Used by <c>fastkube controller-manager</c>; <c>fastkube up</c> runs its controllers without election.</summary>
    public LeaderElectionConfiguration LeaderElection { get; set; } = new();

    /// <summary>Requests per second to the API server (0: unlimited). Default 20, as upstream's kubeAPIQPS.</summary>
    public double KubeApiQps { get; set; } = 20;

    /// <summary>Request burst above the QPS. Default 30, as upstream's kubeAPIBurst.</summary>
    public int KubeApiBurst { get; set; } = 30;

    public ControllerManagerOptions ToOptions() => new()
    {
        ConcurrentReplicaSetSyncs = ConcurrentReplicaSetSyncs,
        ConcurrentDeploymentSyncs = ConcurrentDeploymentSyncs,
        ConcurrentEndpointSliceSyncs = ConcurrentEndpointSliceSyncs,
        ConcurrentJobSyncs = ConcurrentJobSyncs,
        ConcurrentTtlSyncs = ConcurrentTTLSyncs,
        ConcurrentDaemonSetSyncs = ConcurrentDaemonSetSyncs,
        ConcurrentStatefulSetSyncs = ConcurrentStatefulSetSyncs,
        ConcurrentEndpointSyncs = ConcurrentEndpointSyncs,
        ConcurrentNodeLifecycleSyncs = ConcurrentNodeLifecycleSyncs,
        NodeMonitorGracePeriod = TimeSpan.FromSeconds(NodeMonitorGracePeriodSeconds),
        ConcurrentNamespaceSyncs = ConcurrentNamespaceSyncs,
        ConcurrentGCSyncs = ConcurrentGCSyncs,
        Controllers = Controllers,
    };
}
