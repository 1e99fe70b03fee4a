using System.CommandLine;
using FastKube.Client;
using FastKube.Client.LeaderElection;
using FastKube.Hosting;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Hosting;
using Microsoft.Extensions.Logging;

namespace FastKube.Components;

/// <summary>
/// <c>fastkube scheduler</c>: the scheduler as its own process against any API server, configured by a
/// KubeSchedulerConfiguration file (<c>--config</c>) and leader-elected on a Lease as kube-scheduler is;
/// <c>fastkube scheduler config defaults|validate</c> print and check such files.
/// </summary>
internal static class SchedulerCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "Kubeconfig of the API server (default: clientConnection.kubeconfig of --config, else $KUBECONFIG)." };
        var config = new Option<FileInfo?>("--config") { Description = "A KubeSchedulerConfiguration YAML file (see `fastkube scheduler config defaults`)." };
        var command = new Command("scheduler", "Run the scheduler against an API server.") { kubeconfig, config, ConfigCommands() };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = SchedulerConfiguration.Default;
            if (parse.GetValue(config) is { } file)
            {
                var (loaded, errors) = SchedulerConfigLoader.Load(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false));
                if (loaded is null)
                {
                    foreach (var error in errors)
                    {
                        await Console.Error.WriteLineAsync($"fastkube scheduler: {file.FullName}: {error}").ConfigureAwait(false);
                    }

                    return 2;
                }

                settings = loaded;
            }

            var path = parse.GetValue(kubeconfig)?.FullName
                ?? (settings.ClientConnection.Kubeconfig.Length > 0 ? settings.ClientConnection.Kubeconfig : Environment.GetEnvironmentVariable("KUBECONFIG"));
            if (string.IsNullOrEmpty(path))
            {
                await Console.Error.WriteLineAsync("fastkube scheduler: no kubeconfig: pass --kubeconfig, set clientConnection.kubeconfig, or set KUBECONFIG").ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(path, settings, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string kubeconfig, SchedulerConfiguration settings, CancellationToken cancellationToken)
    {
        using var shutdown = new ShutdownSignal(cancellationToken);
        using var logs = ComponentLogging.Create(LogLevel.Information);
        var logger = logs.CreateLogger("fastkube.scheduler");
        using var client = KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = settings.ClientConnection.Qps, Burst = settings.ClientConnection.Burst });

        async Task Schedule(CancellationToken leading)
        {
            await using var scheduler = await SchedulerService.StartAsync(client, settings, logs, TimeProvider.System, leading).ConfigureAwait(false);
            logger.LogInformation("scheduling for profiles {Profiles}", string.Join(", ", settings.Profiles.Select(p => p.SchedulerName)));
            try
            {
                await Task.Delay(Timeout.Infinite, leading).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        var election = settings.LeaderElection;
        if (!election.LeaderElect)
        {
            await Schedule(shutdown.Token).ConfigureAwait(false);
            return 0;
        }

        var timing = new LeaderElectionOptions
        {
            Identity = LeaderElectedRun.Identity(),
            LeaseDuration = election.LeaseDuration,
            RenewDeadline = election.RenewDeadline,
            RetryPeriod = election.RetryPeriod,
            LoggerFactory = logs,
        };
        return await LeaderElectedRun.RunAsync(client, election.ResourceNamespace, election.ResourceName, timing, Schedule, logger, shutdown.Token).ConfigureAwait(false);
    }

    private static Command ConfigCommands()
    {
        var defaults = new Command("defaults", "Print the default KubeSchedulerConfiguration as YAML.");
        defaults.SetAction(_ =>
        {
            Console.Write(SchedulerConfigWriter.Write(SchedulerConfiguration.Default));
            return 0;
        });

        var file = new Argument<FileInfo>("file") { Description = "The KubeSchedulerConfiguration YAML file to check." };
        var validate = new Command("validate", "Check a KubeSchedulerConfiguration file; every error names the field, the value and what is allowed.") { file };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!.FullName;
            var (_, errors) = SchedulerConfigLoader.Load(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"{path}: {error}").ConfigureAwait(false);
            }

            if (errors.Count == 0)
            {
                Console.WriteLine($"{path}: valid");
            }

            return errors.Count == 0 ? 0 : 1;
        });
        return new Command("config", "Inspect and check KubeSchedulerConfiguration files.") { defaults, validate };
    }
}
