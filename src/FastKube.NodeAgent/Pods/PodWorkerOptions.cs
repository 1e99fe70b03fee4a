namespace FastKube.NodeAgent.Pods;

/// <summary>What differs between a node on containerd and a hollow node.</summary>
internal sealed record PodWorkerOptions(string RuntimeName, string HostIP, bool CreateLogDirectories);
