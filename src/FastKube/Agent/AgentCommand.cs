using System.CommandLine;
using FastKube.Client;
using FastKube.Hosting;
using FastKube.NodeAgent.Configuration;
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
        var command = new Command("agent", "Run a node agent (kubelet loop) against an API server.") { kubeconfig, config, runtime, nodes };
        command.SetAction(async (parse, cancellationToken) =>
        {
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
            return await RunAsync(path, settings, count > 0 ? RuntimeMode.Simulated : mode, count, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string kubeconfig, KubeletConfiguration settings, RuntimeMode mode, int hollowNodes, CancellationToken cancellationToken)
    {
        using var shutdown = new ShutdownSignal(cancellationToken);
        using var logs = ComponentLogging.Create(LogLevel.Information);
        // Upstream's kubelet defaults: kubeAPIQPS 50, kubeAPIBurst 100.
        using var client = KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = 50, Burst = 100 });
        await using var agent = await AgentHost.StartAsync(client, settings, mode, hollowNodes, fallBackToSimulated: false, logs, Console.Out, shutdown.Token).ConfigureAwait(false);
        Console.WriteLine($"fastkube agent: running {agent.Description}");
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
