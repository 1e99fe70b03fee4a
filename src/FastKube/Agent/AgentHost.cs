using FastKube.Client;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Simulated;
using Microsoft.Extensions.Logging;

namespace FastKube.Agent;

/// <summary>
/// One node agent process: its container runtime and the kubelet loop over it (one node), or N hollow nodes
/// on simulated runtimes. <c>fastkube agent</c> and <c>fastkube up</c> both run the node this way.
/// </summary>
internal sealed class AgentHost : IAsyncDisposable
{
    private readonly NodeRuntime? _runtime;
    private readonly NodeAgent.Kubelet.Kubelet? _kubelet;
    private readonly HollowNodes? _hollow;

    private AgentHost(NodeRuntime? runtime, NodeAgent.Kubelet.Kubelet? kubelet, HollowNodes? hollow, string description, string podCidr = "")
    {
        _runtime = runtime;
        _kubelet = kubelet;
        _hollow = hollow;
        Description = description;
        PodCidr = podCidr;
    }

    /// <summary>True when the single node runs real containers (not hollow, no simulated fallback): the service proxy has something to serve.</summary>
    public bool RunsContainers => _runtime is { Runtime: not SimulatedRuntime };

    /// <summary>The single node's name ("" for hollow nodes).</summary>
    public string NodeName => _kubelet?.NodeName ?? "";

    /// <summary>The single node's pod CIDR, the proxy's cluster CIDR.</summary>
    public string PodCidr { get; }

    /// <summary>What runs: the node name(s) and the runtime (with the reason for a simulated fallback).</summary>
    public string Description { get; }

    /// <param name="hollowNodes">0: one node named by the configuration on <paramref name="mode"/>; N: N hollow nodes named {nodeName}-{i}.</param>
    public static async Task<AgentHost> StartAsync(KubeClient client, KubeletConfiguration config, RuntimeMode mode, int hollowNodes, bool fallBackToSimulated,
        ILoggerFactory logs, TextWriter console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (hollowNodes > 0)
        {
            var prefix = config.EffectiveNodeName + "-";
            var hollow = await HollowNodes.StartAsync(client, hollowNodes, prefix, new SimulatedRuntimeOptions(), config, logs, cancellationToken).ConfigureAwait(false);
            return new AgentHost(null, null, hollow, $"{hollowNodes} hollow nodes {prefix}0..{prefix}{hollowNodes - 1} (simulated runtime)");
        }

        var runtime = await NodeRuntime.StartAsync(mode, config, config.RootDirectory, fallBackToSimulated, console, cancellationToken).ConfigureAwait(false);
        try
        {
            var kubelet = await NodeAgent.Kubelet.Kubelet.StartAsync(client, runtime.Runtime, config, logs, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return new AgentHost(runtime, kubelet, null, $"node {kubelet.NodeName} on {runtime.Description}", config.PodCIDR.Length > 0 ? config.PodCIDR : NodeRuntime.DefaultPodCidr);
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the loops and a managed containerd; running containers are left alone for the next start to adopt.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync().ConfigureAwait(false);
        }

        if (_hollow is not null)
        {
            await _hollow.DisposeAsync().ConfigureAwait(false);
        }

        if (_runtime is not null)
        {
            await _runtime.DisposeAsync().ConfigureAwait(false);
        }
    }
}
