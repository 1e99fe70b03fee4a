namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// A volume that is set up: where it is on the host, and whether every mount of it is read-only (configMap,
/// secret, downwardAPI and projected volumes are, as upstream's plugins report ReadOnly).
/// </summary>
internal sealed record PodVolume(string HostPath, bool ReadOnly);
