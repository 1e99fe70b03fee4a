namespace FastKube.NodeAgent.Pods;

/// <summary>
/// Labels and annotations the agent puts on sandboxes and containers so that the runtime alone tells which
/// pod and container they are and how often it restarted — upstream's names (pkg/kubelet/types/labels.go,
/// kuberuntime/labels.go), which is what adoption after an agent restart reads back.
/// </summary>
internal static class KubeletLabels
{
    public const string PodName = "io.kubernetes.pod.name";
    public const string PodNamespace = "io.kubernetes.pod.namespace";
    public const string PodUid = "io.kubernetes.pod.uid";
    public const string ContainerName = "io.kubernetes.container.name";

    /// <summary>FastKube's: which node's agent made the sandbox, so agents sharing a containerd never adopt each other's pods.</summary>
    public const string Node = "fastkube.io/node";

    public const string ContainerHash = "io.kubernetes.container.hash";
    public const string RestartCount = "io.kubernetes.container.restartCount";
    public const string TerminationGracePeriod = "io.kubernetes.pod.terminationGracePeriod";
}
