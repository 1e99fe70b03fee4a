using System.CommandLine;
using FastKube.Client;
using FastKube.Hosting;
using FastKube.NodeAgent.Configuration;
using FastKube.Proxy.Configuration;
using Microsoft.Extensions.Logging;

namespace FastKube.Agent;

/// <summary>
/// <c>fastkube agent</c>: one node (or N hollow nodes) against an API server: the kubelet loop over a
/// managed containerd, a remote CRI endpoint or the simulated runtime, configured by a KubeletConfiguration file.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "Kubeconfig of the API server (default: $KUBECONFIG)." };
        var config = new Option<FileInfo?>("--config") { Description = "A KubeletConfiguration YAML file (kubelet.config.k8s.io/v1beta1); docs/node-agent.md lists its fields." };
        var runtime = new Option<string>("--runtime")
        {
            Description = "containerd (a containerd this agent manages), remote (containerRuntimeEndpoint of --config) or simulated (hollow node).",
            DefaultValueFactory = _ => "containerd",
        };
        runtime.AcceptOnlyFromAmong("containerd", "remote", "simulated");
        var nodes = new Option<int>("--nodes") { Description = "Run this many hollow nodes named {nodeName}-{i} on the simulated runtime (density and benchmark runs)." };
        var proxyConfig = new Option<FileInfo?>("--proxy-config") { Description = "Also run the service proxy with this KubeProxyConfiguration file (docs/proxy.md); needs root." };
        var cleanup = new Option<bool>("--cleanup") { Description = "Remove the service proxy's nf_tables table from this host and exit." };
        var command = new Command("agent", "Run a node agent (kubelet loop) against an API server.") { kubeconfig, config, runtime, nodes, proxyConfig, cleanup };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(cleanup))
            {
                using var cleanupLogs = ComponentLogging.Create(LogLevel.Information);
                var failed = NodeProxy.Cleanup(cleanupLogs.CreateLogger("fastkube.agent"));
                return failed is null ? 0 : await Refuse([$"--cleanup: {failed}"]).ConfigureAwait(false);
            }

            KubeProxyConfiguration? proxy = null;
            if (parse.GetValue(proxyConfig) is { } proxyFile)
            {
                var (loaded, errors) = KubeProxyConfigurationLoader.Load(await File.ReadAllTextAsync(proxyFile.FullName, cancellationToken).ConfigureAwait(false));
                if (loaded is null)
                {
                    return await Refuse(errors.Select(e => $"{proxyFile.FullName}: {e}")).ConfigureAwait(false);
                }

                proxy = loaded;
            }

            var settings = new KubeletConfiguration();
            if (parse.GetValue(config) is { } file)
            {
                var (loaded, errors) = KubeletConfigurationLoader.Load(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false));
                if (loaded is null)
                {
                    return await Refuse(errors.Select(e => $"{file.FullName}: {e}")).ConfigureAwait(false);
                }

                settings = loaded;
            }

            var count = parse.GetValue(nodes);
            if (count < 0)
            {
                return await Refuse([$"--nodes: Invalid value: {count}: must be 0 or more"]).ConfigureAwait(false);
            }

            var path = parse.GetValue(kubeconfig)?.FullName ?? Environment.GetEnvironmentVariable("KUBECONFIG");
            if (string.IsNullOrEmpty(path))
            {
                return await Refuse(["no kubeconfig: pass --kubeconfig or set KUBECONFIG"]).ConfigureAwait(false);
            }

            var mode = Enum.Parse<RuntimeMode>(parse.GetValue(runtime)!, ignoreCase: true);
            return await RunAsync(path, settings, count > 0 ? RuntimeMode.Simulated : mode, count, proxy, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string kubeconfig, KubeletConfiguration settings, RuntimeMode mode, int hollowNodes, KubeProxyConfiguration? proxyConfig, CancellationToken cancellationToken)
    {
        using var shutdown = new ShutdownSignal(cancellationToken);
        using var logs = ComponentLogging.Create(LogLevel.Information);
        // Upstream's kubelet defaults: kubeAPIQPS 50, kubeAPIBurst 100, per kubelet. Hollow nodes share this one
        // client, so each keeps its own budget (kubemark's hollow kubelets each have a client): one shared 50 QPS
        // took minutes to register 1,000 nodes (bench kubelet).
        var kubelets = Math.Max(1, hollowNodes);
        using var client = KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = 50 * kubelets, Burst = 100 * kubelets });
        await using var agent = await AgentHost.StartAsync(client, settings, mode, hollowNodes, fallBackToSimulated: false, logs, Console.Out, shutdown.Token).ConfigureAwait(false);
        Console.WriteLine($"fastkube agent: running {agent.Description}");
        await using var proxy = proxyConfig is null ? null : await NodeProxy.StartAsync(client, proxyConfig, logs, shutdown.Token).ConfigureAwait(false);
        if (proxy is not null)
        {
            Console.WriteLine($"fastkube agent: service proxy running (mode {proxyConfig!.Mode})");
        }

        await shutdown.WaitAsync().ConfigureAwait(false);
        Console.WriteLine("fastkube agent: shutting down (containers keep running)");
        return 0;
    }

    private static async Task<int> Refuse(IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync("fastkube agent: " + error).ConfigureAwait(false);
        }

        return 2;
    }
}
