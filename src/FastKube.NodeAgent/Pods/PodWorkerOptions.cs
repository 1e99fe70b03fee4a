namespace FastKube.NodeAgent.Pods;

/// <summary>What differs between a node on containerd and a hollow node.</summary>
internal sealed record PodWorkerOptions(string RuntimeName, string HostIP, bool CreateLogDirectories)
{
    /// <summary>
    /// Whether volumes are made on disk under rootDirectory (real nodes). Hollow nodes leave it false: their
    /// volumes are checked (a missing ConfigMap still blocks the pod) but nothing is written or mounted.
    /// </summary>
    public bool WriteVolumes { get; init; }
}
