using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FastKube.Api.Core;

namespace FastKube.NodeAgent.Probes;

internal sealed partial class Prober
{
    // Upstream's User-Agent for probes: kube-probe/{major}.{minor} of the kubelet FastKube stands in for.
    private const string UserAgentProduct = "kube-probe";
    private const string UserAgentVersion = "1.32";

    // Upstream reads at most 10 KiB of a probe's response body and follows at most 10 redirects.
    private const int MaxBodyBytes = 10 * 1024;
    private const int MaxRedirects = 10;

    private static HttpMessageInvoker CreateHttpInvoker() => new(new SocketsHttpHandler
    {
        // Redirects are followed by hand: only to the same host, as upstream's non-local redirect policy.
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        // Upstream probes do not keep connections alive; a pooled connection would also hide a dead server.
        PooledConnectionLifetime = TimeSpan.Zero,
        // Upstream skips certificate verification for https probes.
        SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
    }, disposeHandler: true);

    private async Task<ProbeOutcome> HttpGetAsync(HTTPGetAction action, string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string scheme = string.IsNullOrEmpty(action.Scheme) ? "http" : action.Scheme.ToLowerInvariant();
        string path = action.Path ?? "";
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        var url = new Uri($"{scheme}://{JoinHostPort(host, port)}{path}");
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            for (int redirects = 0; ; redirects++)
            {
                using var request = BuildRequest(url, action.HttpHeaders);
                using var response = await _http.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (!string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        string redirectBody = await ReadBodyAsync(response, timeoutSource.Token).ConfigureAwait(false);
                        return new(ProbeResult.Warning, "Probe terminated redirects, Response body: " + redirectBody);
                    }

                    if (redirects == MaxRedirects)
                    {
                        return new(ProbeResult.Failure, $"Get \"{next}\": stopped after {MaxRedirects} redirects");
                    }

                    url = next;
                    continue;
                }

                string body = await ReadBodyAsync(response, timeoutSource.Token).ConfigureAwait(false);
                if (status is >= 200 and < 400)
                {
                    return status >= 300
                        ? new(ProbeResult.Warning, "Probe terminated redirects, Response body: " + body)
                        : new(ProbeResult.Success, body);
                }

                return new(ProbeResult.Failure, "HTTP probe failed with statuscode: " + status.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(ProbeResult.Failure, $"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return new(ProbeResult.Failure, $"Get \"{url}\": {e.Message}");
        }
    }

    private static HttpRequestMessage BuildRequest(Uri url, List<HTTPHeader>? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
        request.Headers.ConnectionClose = true;
        bool userAgentSet = false, acceptSet = false;
        foreach (var header in headers ?? [])
        {
            string name = header.Name ?? "";
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = header.Value;
                continue;
            }

            userAgentSet |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
            acceptSet |= name.Equals("Accept", StringComparison.OrdinalIgnoreCase);
            request.Headers.TryAddWithoutValidation(name, header.Value ?? "");
        }

        if (!userAgentSet)
        {
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue(UserAgentProduct, UserAgentVersion));
        }

        if (!acceptSet)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        }

        return request;
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes);
            try
            {
                int total = 0;
                while (total < MaxBodyBytes)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(total, MaxBodyBytes - total), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return Truncated(buffer.AsSpan(0, total));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
