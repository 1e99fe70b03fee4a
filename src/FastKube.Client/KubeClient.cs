using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Client.Configuration;
using FastKube.Client.Http;

namespace FastKube.Client;

/// <summary>
/// The connection to one API server: one <see cref="HttpClient"/> (HTTP/2 negotiated by ALPN, HTTP/1.1 when
/// the server offers only that; the kubeconfig's client certificate; only the kubeconfig's CA trusted), the
/// client-side QPS/burst limiter, and a typed <see cref="ResourceClient{T}"/> per kind. Reads and watches ask
/// for FastKube's MessagePack and accept JSON; writes send Kubernetes JSON. Thread-safe; make one per process
/// and share it.
/// </summary>
public sealed class KubeClient : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptMsgPack = new(KubeMsgPack.ContentType);
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json", 0.9);

    private readonly HttpClient _http;
    private readonly TokenBucket? _limiter;
    private readonly ConcurrentDictionary<Type, object> _resources = new();

    public KubeClient(KubeClientConfiguration configuration, KubeClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        Options = options ?? KubeClientOptions.Default;
        _limiter = Options.Qps > 0 ? new TokenBucket(Options.Qps, Math.Max(1, Options.Burst), Options.TimeProvider) : null;
        var handler = new SocketsHttpHandler
        {
            // A process with many watches would otherwise queue them behind the server's stream limit (100).
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = Options.KeepAlivePingDelay,
            KeepAlivePingTimeout = Options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AutomaticDecompression = DecompressionMethods.None,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = ServerTrust.Create(configuration);
        if (configuration.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        _http = new HttpClient(handler)
        {
            BaseAddress = configuration.Server,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            // Watches run for minutes; non-watch requests get Options.RequestTimeout each.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(Options.UserAgent);
        if (configuration.Token is { } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public KubeClientConfiguration Configuration { get; }

    public KubeClientOptions Options { get; }

    /// <summary>The kubeconfig context's namespace, used for objects whose metadata names none.</summary>
    public string Namespace => Configuration.Namespace;

    /// <summary>Connects with a kubeconfig file (its current-context, or <paramref name="context"/>).</summary>
    public static KubeClient FromKubeconfig(string path, string? context = null, KubeClientOptions? options = null) =>
        new(KubeconfigLoader.Load(path, context), options);

    /// <summary>The client of one kind, e.g. <c>Resource&lt;Pod&gt;()</c>; any kind in <see cref="KubeTypes"/>. Cached.</summary>
    public ResourceClient<T> Resource<T>()
        where T : KubeObject =>
        (ResourceClient<T>)_resources.GetOrAdd(typeof(T), static (type, client) =>
            KubeTypes.TryGetByType(type, out var info) && info.Type == type
                ? new ResourceClient<T>(client, info)
                : ThrowUnknownKind(type), this);

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Sends one request after the rate limiter admits it; a non-success answer throws <see cref="KubeApiException"/>
    /// carrying the server's Status. The caller disposes the response.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, bool msgpack, CancellationToken cancellationToken)
    {
        if (_limiter is not null)
        {
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        if (msgpack)
        {
            request.Headers.Accept.Add(AcceptMsgPack);
        }

        request.Headers.Accept.Add(AcceptJson);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new KubeApiException(await ReadStatusAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Sends a request and decodes its body as <typeparamref name="TResult"/>, within <see cref="KubeClientOptions.RequestTimeout"/>.</summary>
    internal async Task<TResult> SendAsync<TResult>(HttpMethod method, string pathAndQuery, HttpContent? content, bool msgpack, Func<HttpResponseMessage, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            using var response = await SendAsync(method, pathAndQuery, content, msgpack, timeout.Token).ConfigureAwait(false);
            return await read(response, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {pathAndQuery} took longer than {Options.RequestTimeout.TotalSeconds:0.#} s", e);
        }
    }

    internal static bool IsMsgPack(HttpResponseMessage response) =>
        string.Equals(response.Content.Headers.ContentType?.MediaType, KubeMsgPack.ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes one object of a type known at compile time, MessagePack or JSON by the response's Content-Type.</summary>
    internal static async Task<TResult> ReadObjectAsync<TResult>(HttpResponseMessage response, CancellationToken cancellationToken)
        where TResult : class
    {
        if (IsMsgPack(response))
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return KubeMsgPack.Deserialize<TResult>(bytes);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return (TResult?)await JsonSerializer.DeserializeAsync(stream, KubeJson.Options.GetTypeInfo(typeof(TResult)), cancellationToken).ConfigureAwait(false)
                ?? throw new KubeApiException($"{response.RequestMessage?.RequestUri}: the server answered {(int)response.StatusCode} with an empty body");
        }
    }

    private static async Task<Status> ReadStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (KubeJson.Deserialize<Status>(body) is { Kind: Status.KindName } status)
            {
                status.Code ??= (int)response.StatusCode;
                return status;
            }
        }
        catch (JsonException)
        {
            // Not a Status (e.g. a proxy's page): described below from the HTTP answer itself.
        }

        var text = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 512)));
        return new Status
        {
            Kind = Status.KindName,
            ApiVersion = Status.GroupVersion,
            Outcome = Status.Failure,
            Code = (int)response.StatusCode,
            Reason = response.ReasonPhrase,
            Message = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {text}",
        };
    }

    [DoesNotReturn]
    private static object ThrowUnknownKind(Type type) =>
        throw new ArgumentException($"{type.FullName} is not a kind served by FastKube (see FastKube.Api.KubeTypes)", nameof(type));
}
