using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Storage.Sqlite;

namespace FastKube.Cluster;

/// <summary>
/// <c>fastkube up</c>: a single-node cluster on the embedded SQLite store. Today that is the API server
/// (HTTPS, client-certificate auth, the resource API and watch); the scheduler, controllers and node
/// agent join as they land. Runs until Ctrl-C or SIGTERM, then shuts down cleanly.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var dataDir = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "Where the store, certificates and kubeconfig live (default: $HOME/.fastkube).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fastkube")),
        };
        var port = new Option<int>("--port") { Description = "API server secure port.", DefaultValueFactory = _ => ApiServerOptions.DefaultPort };
        var bind = new Option<string>("--bind-address") { Description = "Address the API server listens on.", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("up", "Start a single-node cluster on the embedded store.") { dataDir, port, bind };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(bind), out var address))
            {
                await Console.Error.WriteLineAsync($"fastkube up: --bind-address: \"{parse.GetValue(bind)}\" is not an IP address").ConfigureAwait(false);
                return 2;
            }

            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                await Console.Error.WriteLineAsync($"fastkube up: --port: {portValue} is not a port (0-65535)").ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(parse.GetValue(dataDir)!.FullName, new ApiServerOptions(address, portValue), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string dataDir, ApiServerOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDir);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var addresses = new List<IPAddress> { IPAddress.Loopback };
        if (!options.BindAddress.Equals(IPAddress.Any) && !options.BindAddress.Equals(IPAddress.Loopback))
        {
            addresses.Add(options.BindAddress);
        }

        using var pki = ClusterPki.LoadOrCreate(Path.Combine(dataDir, "pki"), ["localhost", Environment.MachineName], addresses, TimeProvider.System);
        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = Path.Combine(dataDir, "store.db") });
        await using var host = await ApiServerHost.StartAsync(options, pki, store, stop.Token).ConfigureAwait(false);
        var kubeconfig = Path.Combine(dataDir, "kubeconfig");
        Kubeconfig.Write(kubeconfig, host.Address, pki.CaCertificate, pki.AdminCertificate);
        Console.WriteLine($"fastkube: API server listening on {host.Address}");
        Console.WriteLine($"fastkube: store {Path.Combine(dataDir, "store.db")} at revision {store.CurrentRevision}");
        Console.WriteLine($"fastkube: export KUBECONFIG={kubeconfig}   # then: kubectl get namespaces");
        Console.WriteLine("fastkube: Ctrl-C to stop");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine("fastkube: shutting down");
        return 0;
    }
}
