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
    private HttpClient? _admin;

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

    /// <summary>A client with the admin certificate, disposed with the cluster.</summary>
    public HttpClient Admin => _admin ??= Client(Pki.AdminCertificate);

    public static async Task<TestCluster> StartAsync(Func<ApiServerOptions, ApiServerOptions>? configure = null)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("fastkube-apiserver-").FullName;
        var pki = ClusterPki.LoadOrCreate(Path.Combine(dir, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        var store = new InMemoryStore();
        var options = ApiServerOptions.Default with { Port = 0 };
        var host = await ApiServerHost.StartAsync(configure?.Invoke(options) ?? options, pki, store, CancellationToken.None);
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        Kubeconfig.Write(kubeconfig, host.Address, pki.CaCertificate, pki.AdminCertificate);
        return new TestCluster(dir, pki, store, host, kubeconfig);
    }

    /// <summary>An HTTP client that trusts the cluster CA and presents <paramref name="certificate"/> (none when null).</summary>
    public HttpClient Client(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler();
        // Pinned to this cluster's serving certificate (no ApiServer internals: the client tests link this file).
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) =>
            server is X509Certificate2 cert && cert.Thumbprint == Pki.ServingCertificate.Thumbprint;
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler) { BaseAddress = Host.Address, DefaultRequestVersion = HttpVersion.Version20, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Runs the installed kubectl against this cluster, feeding <paramref name="stdin"/>.</summary>
    public Task<(int Exit, string Output, string Error)> Kubectl(string? stdin, params string[] args) =>
        KubectlProcess.Run(KubeconfigPath, stdin, args);

    /// <summary>Sends a request as admin and fails the test unless it succeeds.</summary>
    public async Task SendAsync(HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await Admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        Pki.Dispose();
        System.IO.Directory.Delete(_dir, recursive: true);
    }
}
