using System.CommandLine;
using FastKube.Client;
using FastKube.Controllers;
using FastKube.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Cluster;

/// <summary>
/// <c>fastkube controller-manager --kubeconfig PATH [--config FILE] [--controllers LIST] [--leader-elect=BOOL]</c>:
/// the controllers as their own process, as kube-controller-manager. With leader election (the default) it runs
/// them only while it holds the Lease <c>kube-system/kube-controller-manager</c>, and exits with status 1 when it
/// loses it (upstream's "leaderelection lost"), so a supervisor restarts it as a standby.
/// </summary>
internal static class ControllerManagerCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig") { Description = "The kubeconfig to reach the API server with.", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "A ClusterConfiguration YAML file; its controllerManager section is used." };
        var controllers = new Option<string?>("--controllers") { Description = "Comma-separated controllers: '*' all, 'name' on, '-name' off (default '*')." };
        var leaderElect = new Option<bool?>("--leader-elect") { Description = "Run the controllers only while holding the Lease (default true)." };
        var command = new Command("controller-manager", "Run the controllers against an API server, with leader election.") { kubeconfig, config, controllers, leaderElect };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (settings, errors) = parse.GetValue(config) is { } file ? ClusterConfigurationFile.Load(file.FullName) : (new ClusterConfiguration(), []);
            if (settings is null)
            {
                return await Refuse(errors).ConfigureAwait(false);
            }

            var manager = settings.ControllerManager;
            if (parse.GetValue(controllers) is { } list)
            {
                manager.Controllers = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            }

            manager.LeaderElection.LeaderElect = parse.GetValue(leaderElect) ?? manager.LeaderElection.LeaderElect;
            var invalid = ClusterConfigurationFile.Validate(settings);
            return invalid.Count > 0
                ? await Refuse(invalid).ConfigureAwait(false)
                : await RunAsync(parse.GetValue(kubeconfig)!.FullName, manager, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> Refuse(IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync("fastkube controller-manager: " + error).ConfigureAwait(false);
        }

        return 2;
    }

    private static async Task<int> RunAsync(string kubeconfig, ControllerManagerConfiguration settings, CancellationToken cancellationToken)
    {
        using var shutdown = new ShutdownSignal(cancellationToken);
        using var client = KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = settings.KubeApiQps, Burst = settings.KubeApiBurst });
        if (!settings.LeaderElection.LeaderElect)
        {
            await RunControllersAsync(client, settings, shutdown.Token).ConfigureAwait(false);
            return 0;
        }

        using var logs = ComponentLogging.Create(LogLevel.Information);
        var identity = LeaderElectedRun.Identity();
        var election = settings.LeaderElection;
        Console.WriteLine($"fastkube controller-manager: {identity} waiting for the lease {election.ResourceNamespace}/{election.ResourceName}");
        return await LeaderElectedRun.RunAsync(client, election.ResourceNamespace, election.ResourceName, election.ToOptions(identity) with { LoggerFactory = logs },
            leading => RunControllersAsync(client, settings, leading), logs.CreateLogger("fastkube.controller-manager"), shutdown.Token).ConfigureAwait(false);
    }

    private static async Task RunControllersAsync(KubeClient client, ControllerManagerConfiguration settings, CancellationToken cancellationToken)
    {
        ControllerManager manager;
        try
        {
            manager = await ControllerManager.StartAsync(client, settings.ToOptions(), NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        await using (manager.ConfigureAwait(false))
        {
            Console.WriteLine($"fastkube controller-manager: running {string.Join(", ", manager.Controllers)}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
