using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;

namespace FastKube.ApiServer.Tests.Hosting;

public sealed class ApiServerHostTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Version_AdminCertificateOverHttp2_ReturnsVersionInfo()
    {
        using var client = _cluster.Client(_cluster.Pki.AdminCertificate);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/version") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1", info.GetProperty("major").GetString());
        Assert.Equal("32", info.GetProperty("minor").GetString());
    }

    [Fact]
    public async Task Version_ManyConcurrentStreamsOnOneConnection_AllAuthenticate()
    {
        // Streams of one HTTP/2 connection are served concurrently, and the authentication verdict is
        // shared per connection: every stream must still be authenticated.
        using var client = _cluster.Client(_cluster.Pki.AdminCertificate);

        var codes = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await client.GetAsync(new Uri("/version", UriKind.Relative));
            return response.StatusCode;
        }));

        Assert.All(codes, code => Assert.Equal(HttpStatusCode.OK, code));
    }

    [Fact]
    public async Task Version_NoClientCertificate_Returns401Status()
    {
        using var client = _cluster.Client(certificate: null);

        using var response = await client.GetAsync(new Uri("/version", UriKind.Relative));

        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task Version_CertificateOfAnotherCa_Returns401Status()
    {
        using var other = ClusterPki.LoadOrCreate(Path.Combine(_cluster.Directory, "other"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        using var client = _cluster.Client(other.AdminCertificate);

        using var response = await client.GetAsync(new Uri("/version", UriKind.Relative));

        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task Healthz_Anonymous_ReturnsOk()
    {
        using var client = _cluster.Client(certificate: null);

        Assert.Equal("ok", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
    }

    [Fact]
    public async Task UnknownPath_Returns404Status()
    {
        using var client = _cluster.Client(_cluster.Pki.AdminCertificate);

        using var response = await client.GetAsync(new Uri("/api/v1/namespaces/default/widgets", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Metrics_AfterRequests_ExposesPrometheusText()
    {
        using var list = await _cluster.Admin.GetAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative));
        using var missing = await _cluster.Admin.GetAsync(new Uri("/api/v1/namespaces/default/configmaps/nope", UriKind.Relative));
        using var odd = await _cluster.Admin.GetAsync(new Uri("/api/v1/namespaces/default/gadgets", UriKind.Relative));

        using var response = await _cluster.Admin.GetAsync(new Uri("/metrics", UriKind.Relative));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("apiserver_request_total{code=\"200\",resource=\"configmaps\",verb=\"LIST\"} 1", lines);
        Assert.Contains("apiserver_request_total{code=\"404\",resource=\"configmaps\",verb=\"GET\"} 1", lines);
        Assert.Contains("apiserver_request_total{code=\"404\",resource=\"<unknown>\",verb=\"LIST\"} 1", lines);
    }

    [Fact]
    public async Task KubectlVersion_WithWrittenKubeconfig_ReportsServerVersion()
    {
        var (exit, output, error) = await _cluster.Kubectl(null, "version", "-o", "json");

        Assert.True(exit == 0, $"kubectl version failed: {error}");
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
}
