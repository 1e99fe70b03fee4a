using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Storage.Memory;

namespace FastKube.ApiServer.Tests.Hosting;

public sealed class ApiServerHostTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fastkube-apiserver-").FullName;
    private readonly InMemoryStore _store = new();
    private ClusterPki _pki = null!;
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _pki = ClusterPki.LoadOrCreate(Path.Combine(_dir, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        _host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, _pki, _store, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _pki.Dispose();
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Version_AdminCertificateOverHttp2_ReturnsVersionInfo()
    {
        using var client = Client(_pki.AdminCertificate);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/version") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1", info.GetProperty("major").GetString());
        Assert.Equal("32", info.GetProperty("minor").GetString());
    }

    [Fact]
    public async Task Version_NoClientCertificate_Returns401Status()
    {
        using var client = Client(certificate: null);

        using var response = await client.GetAsync(new Uri("/version", UriKind.Relative));

        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task Version_CertificateOfAnotherCa_Returns401Status()
    {
        var otherDir = Path.Combine(_dir, "other");
        using var other = ClusterPki.LoadOrCreate(otherDir, ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        using var client = Client(other.AdminCertificate);

        using var response = await client.GetAsync(new Uri("/version", UriKind.Relative));

        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task Healthz_Anonymous_ReturnsOk()
    {
        using var client = Client(certificate: null);

        Assert.Equal("ok", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
    }

    [Fact]
    public async Task KubectlVersion_WithWrittenKubeconfig_ReportsServerVersion()
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        Kubeconfig.Write(kubeconfig, _host.Address, _pki.CaCertificate, _pki.AdminCertificate);
        var start = new ProcessStartInfo("/usr/bin/kubectl", ["version", "--kubeconfig", kubeconfig, "-o", "json", "--request-timeout", "20s"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"kubectl version failed: {error}");
        using var json = JsonDocument.Parse(output);
        Assert.Equal(VersionInfo.GitVersion, json.RootElement.GetProperty("serverVersion").GetProperty("gitVersion").GetString());
    }

    private static async Task AssertUnauthorized(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal("Failure", status.GetProperty("status").GetString());
        Assert.Equal("Unauthorized", status.GetProperty("reason").GetString());
        Assert.Equal(401, status.GetProperty("code").GetInt32());
    }

    private HttpClient Client(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) =>
            server is X509Certificate2 cert && CertificateTrust.Verify(cert, _pki.CaCertificate, CertificateTrust.ServerAuth);
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler) { BaseAddress = _host.Address };
    }
}
