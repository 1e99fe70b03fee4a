using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Storage.Memory;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>A real API server on a free loopback port over an in-memory store, with its PKI and kubeconfig in a temp directory.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly string _dir;

    private TestCluster(string dir, ClusterPki pki, InMemoryStore store, ApiServerHost host, string kubeconfig)
    {
        _dir = dir;
        Pki = pki;
        Store = store;
        Host = host;
        KubeconfigPath = kubeconfig;
    }

    public ClusterPki Pki { get; }

    public InMemoryStore Store { get; }

    public ApiServerHost Host { get; }

    public string KubeconfigPath { get; }

    public string Directory => _dir;

    public static async Task<TestCluster> StartAsync()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("fastkube-apiserver-").FullName;
        var pki = ClusterPki.LoadOrCreate(Path.Combine(dir, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        var store = new InMemoryStore();
        var host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, pki, store, CancellationToken.None);
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        Kubeconfig.Write(kubeconfig, host.Address, pki.CaCertificate, pki.AdminCertificate);
        return new TestCluster(dir, pki, store, host, kubeconfig);
    }

    /// <summary>An HTTP client that trusts the cluster CA and presents <paramref name="certificate"/> (none when null).</summary>
    public HttpClient Client(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) =>
            server is X509Certificate2 cert && CertificateTrust.Verify(cert, Pki.CaCertificate, CertificateTrust.ServerAuth);
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler) { BaseAddress = Host.Address, DefaultRequestVersion = HttpVersion.Version20, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Runs the installed kubectl against this cluster, feeding <paramref name="stdin"/>.</summary>
    public Task<(int Exit, string Output, string Error)> Kubectl(string? stdin, params string[] args) =>
        KubectlProcess.Run(KubeconfigPath, stdin, args);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        Pki.Dispose();
        System.IO.Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>The installed kubectl (/usr/bin/kubectl, 1.32 on the build machines) as a child process.</summary>
internal static class KubectlProcess
{
    public static async Task<(int Exit, string Output, string Error)> Run(string kubeconfig, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--request-timeout", "20s" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
