using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FastKube.ApiServer.Kubelet;

/// <summary>
/// The API server's HTTPS client for node agents (upstream's kubelet client): it presents the
/// <c>--kubelet-client-certificate</c> and, like kube-apiserver started without
/// <c>--kubelet-certificate-authority</c>, does not verify the agent's serving certificate: agents serve
/// self-issued certificates whose names the API server cannot know in advance.
/// </summary>
internal sealed class KubeletClient : IDisposable
{
    private readonly HttpClient _http;

    public KubeletClient(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            },
        };
        // Follow streams have no end; each request is bounded by the caller's cancellation instead.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Starts a GET and returns once the agent's headers arrived; the body streams.</summary>
    public Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken cancellationToken) =>
        _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public void Dispose() => _http.Dispose();
}
