namespace FastKube.Cri.Containerd;

/// <summary>The paths of a managed containerd inside its base directory.</summary>
public sealed record ContainerdLayout(string BaseDirectory)
{
    /// <summary>sockaddr_un.sun_path is 108 bytes including the terminating NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    public string ConfigPath => Path.Combine(BaseDirectory, "containerd.toml");

    public string SocketPath => Path.Combine(BaseDirectory, "containerd.sock");

    public string TtrpcSocketPath => Path.Combine(BaseDirectory, "containerd.sock.ttrpc");

    public string RootDirectory => Path.Combine(BaseDirectory, "root");

    public string StateDirectory => Path.Combine(BaseDirectory, "state");

    /// <summary>The opt plugin's directory; by default containerd would create /opt/containerd on the host.</summary>
    public string OptDirectory => Path.Combine(BaseDirectory, "opt");

    public string CniConfigDirectory => Path.Combine(BaseDirectory, "cni", "net.d");

    public string IpamDataDirectory => Path.Combine(BaseDirectory, "cni", "ipam");

    public string LogPath => Path.Combine(BaseDirectory, "containerd.log");

    public string PidPath => Path.Combine(BaseDirectory, "containerd.pid");

    /// <summary>Where runc task bundles live: state/io.containerd.runtime.v2.task/{namespace}/{id}.</summary>
    public string TaskDirectory => Path.Combine(StateDirectory, "io.containerd.runtime.v2.task");

    public string Endpoint => "unix://" + SocketPath;
}
