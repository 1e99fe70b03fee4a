using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FastKube.ApiServer.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>
/// pods/log proxied to the node agent of the pod's node. The agent here is a real HTTPS listener that
/// demands a client certificate and answers like the agent's <c>/containerLogs</c> endpoint.
/// </summary>
public sealed class PodLogTests : IAsyncLifetime
{
    private const string Pods = "/api/v1/namespaces/default/pods";

    private readonly List<(string PathAndQuery, string? ClientSubject)> _agentRequests = [];
    private TestCluster _cluster = null!;
    private WebApplication _agent = null!;
    private int _agentPort;
    private Func<HttpContext, Task> _agentAnswer = context => context.Response.WriteAsync("line 1\nline 2\n");

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _agent = await StartAgentAsync();
        _agentPort = new Uri(_agent.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Log_PodOnNode_StreamsAgentAnswerWithQueryAndKubeletClientCertificate()
    {
        await CreateNodeAndPod(containers: """[{"name":"c","image":"busybox"}]""");

        using var response = await _cluster.Admin.GetAsync(new Uri($"{Pods}/web/log?tailLines=5&timestamps=true&follow=false", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("line 1\nline 2\n", await response.Content.ReadAsStringAsync());
        var (pathAndQuery, subject) = Assert.Single(_agentRequests);
        Assert.Equal("/containerLogs/default/web/c?follow=false&timestamps=true&tailLines=5", pathAndQuery);
        Assert.Contains("CN=" + ClusterPki.KubeletClientUser, subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_NamedContainer_ReachesThatContainer()
    {
        await CreateNodeAndPod(containers: """[{"name":"a","image":"busybox"},{"name":"b","image":"busybox"}]""");

        using var response = await _cluster.Admin.GetAsync(new Uri($"{Pods}/web/log?container=b", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/containerLogs/default/web/b", Assert.Single(_agentRequests).PathAndQuery);
    }

    [Fact]
    public async Task Log_SeveralContainersAndNoName_Returns400NamingTheChoices()
    {
        await CreateNodeAndPod(containers: """[{"name":"a","image":"busybox"},{"name":"b","image":"busybox"}]""", initContainers: """[{"name":"setup","image":"busybox"}]""");

        var status = await GetStatus($"{Pods}/web/log", HttpStatusCode.BadRequest);

        Assert.Equal("a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [setup]", status.GetProperty("message").GetString());
        Assert.Empty(_agentRequests);
    }

    [Fact]
    public async Task Log_UnknownContainer_Returns400()
    {
        await CreateNodeAndPod(containers: """[{"name":"c","image":"busybox"}]""");

        var status = await GetStatus($"{Pods}/web/log?container=nope", HttpStatusCode.BadRequest);

        Assert.Equal("container nope is not valid for pod web", status.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("tailLines=-1", "tailLines")]
    [InlineData("limitBytes=0", "limitBytes")]
    [InlineData("sinceSeconds=abc", "sinceSeconds")]
    [InlineData("sinceTime=yesterday", "sinceTime")]
    public async Task Log_InvalidOption_Returns422NamingTheField(string query, string field)
    {
        await CreateNodeAndPod(containers: """[{"name":"c","image":"busybox"}]""");

        var status = await GetStatus($"{Pods}/web/log?{query}", HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Invalid", status.GetProperty("reason").GetString());
        Assert.Equal(field, status.GetProperty("details").GetProperty("causes")[0].GetProperty("field").GetString());
        Assert.Empty(_agentRequests);
    }

    [Fact]
    public async Task Log_UnscheduledPod_ReturnsEmptyLogs()
    {
        await _cluster.SendAsync(HttpMethod.Post, Pods, """{"metadata":{"name":"web"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");

        using var response = await _cluster.Admin.GetAsync(new Uri($"{Pods}/web/log", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Log_AgentRefuses_StatusCarriesItsCodeAndText()
    {
        _agentAnswer = async context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("container \"c\" in pod \"web\" is waiting to start: ContainerCreating");
        };
        await CreateNodeAndPod(containers: """[{"name":"c","image":"busybox"}]""");

        var status = await GetStatus($"{Pods}/web/log", HttpStatusCode.BadRequest);

        Assert.Equal("BadRequest", status.GetProperty("reason").GetString());
        Assert.Equal("container \"c\" in pod \"web\" is waiting to start: ContainerCreating", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Log_AgentUnreachable_Returns500Status()
    {
        await _agent.StopAsync();
        await CreateNodeAndPod(containers: """[{"name":"c","image":"busybox"}]""");

        var status = await GetStatus($"{Pods}/web/log", HttpStatusCode.InternalServerError);

        Assert.Contains($"127.0.0.1:{_agentPort}", status.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task CreateNodeAndPod(string containers, string? initContainers = null)
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/nodes", """{"metadata":{"name":"n1"}}""");
        await _cluster.SendAsync(HttpMethod.Put, "/api/v1/nodes/n1/status",
            """{"metadata":{"name":"n1"},"status":{"addresses":[{"type":"Hostname","address":"n1"},{"type":"InternalIP","address":"127.0.0.1"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":PORT}}}}"""
                .Replace("PORT", _agentPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var init = initContainers is null ? "" : $",\"initContainers\":{initContainers}";
        var spec = """{"nodeName":"n1","containers":CONTAINERS INIT}""".Replace("CONTAINERS", containers, StringComparison.Ordinal).Replace(" INIT", init, StringComparison.Ordinal);
        await _cluster.SendAsync(HttpMethod.Post, Pods, """{"metadata":{"name":"web"},"spec":SPEC}""".Replace("SPEC", spec, StringComparison.Ordinal));
    }

    private async Task<JsonElement> GetStatus(string path, HttpStatusCode expected)
    {
        using var response = await _cluster.Admin.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<WebApplication> StartAgentAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test-agent", key, HashAlgorithmName.SHA256);
        using var generated = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var serving = X509CertificateLoader.LoadPkcs12(generated.Export(X509ContentType.Pkcs12), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = serving;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.AllowAnyClientCertificate();
        })));
        var app = builder.Build();
        app.Run(async context =>
        {
            lock (_agentRequests)
            {
                _agentRequests.Add((context.Request.Path + context.Request.QueryString, context.Connection.ClientCertificate?.Subject));
            }

            await _agentAnswer(context);
        });
        await app.StartAsync();
        return app;
    }
}
