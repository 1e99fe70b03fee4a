using System.Net;
using FastKube.ApiServer.Security;
using FastKube.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastKube.ApiServer.Hosting;

/// <summary>The running API server: Kestrel over HTTPS (HTTP/2 and HTTP/1.1) with client-certificate authentication.</summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ApiRouter _router;

    private ApiServerHost(WebApplication app, ApiRouter router, Uri address)
    {
        _app = app;
        _router = router;
        Address = address;
    }

    /// <summary>The https:// address actually bound (with the chosen port when the options said 0).</summary>
    public Uri Address { get; }

    public static async Task<ApiServerHost> StartAsync(ApiServerOptions options, ClusterPki pki, IStore store, CancellationToken cancellationToken)
    {
        options = options with { KubeletClientCertificate = options.KubeletClientCertificate ?? pki.KubeletClientCertificate };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.Http2.MaxStreamsPerConnection = options.Http2MaxStreamsPerConnection;
            kestrel.Listen(options.BindAddress, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = pki.ServingCertificate;
                    // Ask for a certificate but decide in the authentication middleware, so a bad one gets
                    // a 401 Status rather than a failed handshake (kube-apiserver's RequestClientCert).
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                });
            });
        });

        var app = builder.Build();
        var router = await ApiRouter.CreateAsync(options, store, TimeProvider.System, app.Services.GetRequiredService<ILoggerFactory>(), cancellationToken).ConfigureAwait(false);
        app.UseMiddleware<ClientCertificateAuthentication>(pki.CaCertificate);
        app.Run(router.HandleAsync);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var host = options.BindAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : options.BindAddress;
        if (await router.ReconcileKubernetesServiceAsync(Services.KubernetesService.AdvertiseAddress(options.BindAddress), port, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ApiServerHost>().LogWarning("the kubernetes Service was not written: {Reason}", refused);
        }

        return new ApiServerHost(app, router, new UriBuilder("https", host.ToString(), port).Uri);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _router.DisposeAsync().ConfigureAwait(false);
    }
}
