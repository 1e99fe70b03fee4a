using FastKube.Cri;
using FastKube.Cri.Containerd;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Simulated;

namespace FastKube.Agent;

/// <summary>Where a node's containers run: <c>containerd</c> (managed by the agent), <c>remote</c> (a CRI endpoint someone else runs) or <c>simulated</c> (hollow node).</summary>
internal enum RuntimeMode
{
    Containerd,
    Remote,
    Simulated,
}

/// <summary>
/// The container runtime of one agent process: starts (or adopts) a managed containerd with the busybox
/// image imported, connects to a remote CRI endpoint, or makes the in-memory runtime of hollow nodes.
/// Disposing stops a managed containerd; container processes survive it (their shims outlive containerd),
/// so a restarted agent finds them running.
/// </summary>
internal sealed class NodeRuntime : IAsyncDisposable
{
    /// <summary>The pod CIDR of a single-node cluster when the configuration names none.</summary>
    public const string DefaultPodCidr = "10.244.0.0/24";

    private readonly ManagedContainerd? _containerd;
    private readonly CriRuntime? _remote;

    private NodeRuntime(IContainerRuntime runtime, string description, ManagedContainerd? containerd = null, CriRuntime? remote = null)
    {
        Runtime = runtime;
        Description = description;
        _containerd = containerd;
        _remote = remote;
    }

    public IContainerRuntime Runtime { get; }

    /// <summary>One line saying which runtime this is and, for a fallback, why.</summary>
    public string Description { get; }

    public bool Simulated => Runtime is SimulatedRuntime;

    /// <summary>
    /// Starts the runtime of <paramref name="mode"/>. For containerd, missing packages are installed through
    /// apt when possible; with <paramref name="fallBackToSimulated"/> a machine that still cannot run containers
    /// gets the simulated runtime (and the reason in <see cref="Description"/>), otherwise it is an error.
    /// </summary>
    public static async Task<NodeRuntime> StartAsync(RuntimeMode mode, KubeletConfiguration config, string stateDirectory, bool fallBackToSimulated, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        switch (mode)
        {
            case RuntimeMode.Remote:
                var remote = CriRuntime.Connect(config.ContainerRuntimeEndpoint);
                return new NodeRuntime(remote, $"CRI runtime at {config.ContainerRuntimeEndpoint}", remote: remote);
            case RuntimeMode.Simulated:
                return new NodeRuntime(NewSimulated(config), "simulated runtime (hollow node: containers do not run)");
        }

        var podCidr = config.PodCIDR.Length > 0 ? config.PodCIDR : DefaultPodCidr;
        var options = new ManagedContainerdOptions
        {
            BaseDirectory = Path.Combine(stateDirectory, "containerd"),
            PodCidr = podCidr,
            BridgeName = BridgeFor(podCidr),
        };
        var missing = await RuntimePackages.EnsureAsync(options, log, cancellationToken).ConfigureAwait(false);
        if (missing.Count > 0)
        {
            var reason = "this machine cannot run containers; missing: " + string.Join("; ", missing);
            return fallBackToSimulated
                ? new NodeRuntime(NewSimulated(config), $"simulated runtime ({reason})")
                : throw new InvalidOperationException(reason);
        }

        var containerd = await ManagedContainerd.StartAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var tarball = await BusyboxImage.BuildAsync(Path.Combine(stateDirectory, "images", "busybox.tar"), cancellationToken).ConfigureAwait(false);
            await containerd.ImportImageAsync(tarball, cancellationToken).ConfigureAwait(false);
            var version = await containerd.Runtime.VersionAsync(cancellationToken).ConfigureAwait(false);
            var how = containerd.Adopted ? "adopted" : "started";
            return new NodeRuntime(containerd.Runtime,
                $"containerd {version.RuntimeVersion} ({how}, pid {containerd.ProcessId}, socket {containerd.Layout.SocketPath}); image {BusyboxImage.Name} imported", containerd);
        }
        catch
        {
            await containerd.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _remote?.Dispose();
        if (_containerd is not null)
        {
            await _containerd.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The CNI bridge of a pod CIDR: <c>fk0</c> for the default one, else a name derived from the CIDR, so nodes
    /// with different pod CIDRs on one host (tests, benchmarks) never share a bridge and its addresses.
    /// </summary>
    public static string BridgeFor(string podCidr) =>
        podCidr == DefaultPodCidr ? "fk0" : "fk" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(podCidr)))[..8];

    private static SimulatedRuntime NewSimulated(KubeletConfiguration config) =>
        new(new SimulatedRuntimeOptions { PodCidr = config.PodCIDR.Length > 0 ? config.PodCIDR : DefaultPodCidr });
}
