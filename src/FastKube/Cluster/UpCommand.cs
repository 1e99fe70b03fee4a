using System.CommandLine;
using System.Net;
using FastKube.Agent;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Client;
using FastKube.Controllers;
using FastKube.Hosting;
using FastKube.NodeAgent.Configuration;
using FastKube.Proxy.Configuration;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Hosting;
using FastKube.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace FastKube.Cluster;

/// <summary>
/// <c>fastkube up</c>: a single-node cluster on the embedded SQLite store: the API server (HTTPS,
/// client-certificate auth, the resource API and watch), the controller manager (every controller of
/// <see cref="ControllerSelection.Known"/> that controllerManager.controllers turns on), the scheduler and
/// the node agent (<c>node.runtime</c>). Runs until Ctrl-C or SIGTERM, then shuts down cleanly.
/// </summary>
internal static class UpCommand
{
    /// <summary>The node agent's root directory under the data directory (its managed containerd lives in <c>agent/containerd</c>).</summary>
    public const string AgentDirectory = "agent";

    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "A ClusterConfiguration YAML file (see `fastkube config defaults`); flags given here override it." };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "Where the store, certificates and kubeconfig live (default: $HOME/.fastkube)." };
        var port = new Option<int?>("--port") { Description = $"API server secure port (default {ApiServerOptions.DefaultPort})." };
        var bind = new Option<string?>("--bind-address") { Description = "Address the API server listens on (default 127.0.0.1)." };
        var nodeRuntime = new Option<string?>("--node-runtime") { Description = "The node's runtime: containerd (default), remote, simulated or none." };
        var command = new Command("up", "Start a single-node cluster on the embedded store.") { config, dataDir, port, bind, nodeRuntime };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (settings, errors) = parse.GetValue(config) is { } file ? ClusterConfigurationFile.Load(file.FullName) : (new ClusterConfiguration(), []);
            if (settings is null)
            {
                return await Refuse(errors).ConfigureAwait(false);
            }

            settings.DataDir = parse.GetValue(dataDir)?.FullName ?? settings.DataDir;
            settings.ApiServer.Port = parse.GetValue(port) ?? settings.ApiServer.Port;
            settings.ApiServer.BindAddress = parse.GetValue(bind) ?? settings.ApiServer.BindAddress;
            settings.Node.Runtime = parse.GetValue(nodeRuntime) ?? settings.Node.Runtime;
            var invalid = ClusterConfigurationFile.Validate(settings);
            return invalid.Count > 0
                ? await Refuse(invalid).ConfigureAwait(false)
                : await RunAsync(settings, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> Refuse(IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync("fastkube up: " + error).ConfigureAwait(false);
        }

        return 2;
    }

    private static async Task<int> RunAsync(ClusterConfiguration settings, CancellationToken cancellationToken)
    {
        var options = new ApiServerOptions(IPAddress.Parse(settings.ApiServer.BindAddress), settings.ApiServer.Port, settings.ApiServer.MaxRequestBodyBytes)
        {
            ServiceClusterIPRange = IPNetwork.Parse(settings.ApiServer.ServiceClusterIPRange),
            ServiceNodePortRange = settings.ApiServer.ServiceNodePortRange,
        };
        Directory.CreateDirectory(settings.DataDir);
        using var stop = new ShutdownSignal(cancellationToken);
        using var logs = ComponentLogging.Create(LogLevel.Warning);
        try
        {
            await ServeAsync(settings, options, stop, logs).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            // Stopped while still starting: what started has been disposed on the way out.
        }

        Console.WriteLine("fastkube: shutting down");
        return 0;
    }

    private static async Task ServeAsync(ClusterConfiguration settings, ApiServerOptions options, ShutdownSignal stop, ILoggerFactory logs)
    {
        var dataDir = settings.DataDir;

        var addresses = new List<IPAddress> { IPAddress.Loopback };
        if (!options.BindAddress.Equals(IPAddress.Any) && !options.BindAddress.Equals(IPAddress.Loopback))
        {
            addresses.Add(options.BindAddress);
        }

        using var pki = ClusterPki.LoadOrCreate(Path.Combine(dataDir, "pki"), ["localhost", Environment.MachineName], addresses, TimeProvider.System);
        await using var store = SqliteStore.Open(new SqliteStoreOptions
        {
            Path = Path.Combine(dataDir, "store.db"),
            MaxBatchSize = settings.Store.MaxBatchSize,
            WatchCapacity = settings.Store.WatchCapacity,
        });
        await using var host = await ApiServerHost.StartAsync(options, pki, store, stop.Token).ConfigureAwait(false);
        var kubeconfig = Path.Combine(dataDir, "kubeconfig");
        Kubeconfig.Write(kubeconfig, host.Address, pki.CaCertificate, pki.AdminCertificate);
        Console.WriteLine($"fastkube: API server listening on {host.Address}");

        // The controllers run in this process but talk to the API server like any client, as upstream's do. No
        // leader election here: this process owns the store, so no second `up` can serve the same cluster.
        using var client = KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = settings.ControllerManager.KubeApiQps, Burst = settings.ControllerManager.KubeApiBurst });
        await using var controllers = await ControllerManager.StartAsync(client, settings.ControllerManager.ToOptions(), logs, stop.Token).ConfigureAwait(false);
        Console.WriteLine($"fastkube: controller manager running ({string.Join(", ", controllers.Controllers)})");
        await using var scheduler = await SchedulerService.StartAsync(client, SchedulerConfiguration.Default, logs, TimeProvider.System, stop.Token).ConfigureAwait(false);
        Console.WriteLine("fastkube: scheduler running (default-scheduler)");
        // The node agent has its own client with the kubelet's limits (QPS 50, burst 100).
        using var nodeClient = KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = 50, Burst = 100 });
        await using var node = await StartNodeAsync(settings, nodeClient, logs, stop.Token).ConfigureAwait(false);
        await using var proxy = await StartProxyAsync(settings, node, nodeClient, logs, stop.Token).ConfigureAwait(false);
        Console.WriteLine($"fastkube: store {Path.Combine(dataDir, "store.db")} at revision {store.CurrentRevision}");
        Console.WriteLine($"fastkube: export KUBECONFIG={kubeconfig}   # then: kubectl get namespaces");
        Console.WriteLine("fastkube: Ctrl-C to stop");
        await stop.WaitAsync().ConfigureAwait(false);
    }

    /// <summary>The node's service proxy, or null with the reason printed (off in the configuration, no containers, not root, no nf_tables).</summary>
    private static async Task<NodeProxy?> StartProxyAsync(ClusterConfiguration settings, AgentHost? node, KubeClient client, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var reason = !settings.Node.Proxy ? "node.proxy: false"
            : node is not { RunsContainers: true } ? "the node runs no containers"
            : Environment.UserName != "root" ? "programming nf_tables needs root"
            : null;
        if (reason is null)
        {
            var config = settings.Node.ProxyConfig.Length > 0
                ? ClusterConfigurationFile.LoadProxyConfiguration(settings.Node.ProxyConfig).Config!
                : new KubeProxyConfiguration { ClusterCidrs = [IPNetwork.Parse(node!.PodCidr)], HostnameOverride = node.NodeName };
            try
            {
                var proxy = await NodeProxy.StartAsync(client, config, logs, cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"fastkube: service proxy running (mode {config.Mode}, nf_tables over netlink)");
                return proxy;
            }
            catch (Exception e) when (e is Netlink.NetlinkException or InvalidOperationException or IOException or TimeoutException)
            {
                reason = e.Message;
            }
        }

        Console.WriteLine($"fastkube: no service proxy ({reason})");
        return null;
    }

    /// <summary>The node agent next to the control plane; null for runtime none.</summary>
    private static async Task<AgentHost?> StartNodeAsync(ClusterConfiguration settings, KubeClient client, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (settings.Node.Runtime == NodeConfiguration.None)
        {
            Console.WriteLine("fastkube: no node (node.runtime: none)");
            return null;
        }

        var kubelet = settings.Node.KubeletConfig.Length > 0
            ? ClusterConfigurationFile.LoadKubeletConfiguration(settings.Node.KubeletConfig).Config!
            : new KubeletConfiguration
            {
                RootDirectory = Path.Combine(settings.DataDir, AgentDirectory),
                PodLogsDirectory = Path.Combine(settings.DataDir, "pod-logs"),
                PodCIDR = NodeRuntime.DefaultPodCidr,
            };
        var mode = Enum.Parse<RuntimeMode>(settings.Node.Runtime, ignoreCase: true);
        var node = await AgentHost.StartAsync(client, kubelet, mode, hollowNodes: 0, fallBackToSimulated: true, logs, Console.Out, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"fastkube: node agent running {node.Description}");
        return node;
    }
}
