using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace FastKube.Grpc;

/// <summary>
/// A connection to one gRPC server over HTTP/2 with prior knowledge (h2c on <c>http://</c> and unix
/// sockets, ALPN h2 on <c>https://</c>), multiplexing every call over pooled connections. Thread-safe;
/// create one per server and keep it for the process lifetime.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly Uri _baseAddress;

    private GrpcChannel(Uri baseAddress, SocketsHttpHandler handler, GrpcChannelOptions options)
    {
        _baseAddress = baseAddress;
        Options = options;
        options.ConfigureHandler?.Invoke(handler);
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public GrpcChannelOptions Options { get; }

    /// <summary>Where the channel connects: the address, or <c>unix:PATH</c>.</summary>
    public string Target { get; private init; } = string.Empty;

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>A channel to <c>http://host:port</c> (h2c) or <c>https://host:port</c>.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"gRPC address must be http:// or https://, not {address}", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        return new GrpcChannel(address, CreateHandler(options), options) { Target = address.ToString() };
    }

    /// <summary>A channel to a server listening on a unix domain socket (containerd's CRI socket).</summary>
    public static GrpcChannel ForUnixSocket(string socketPath, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        options ??= new GrpcChannelOptions();
        var endpoint = new UnixDomainSocketEndPoint(socketPath);
        var handler = CreateHandler(options);
        handler.ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        // The authority is only a header here; grpc-go servers accept "localhost" for unix targets.
        return new GrpcChannel(new Uri("http://localhost"), handler, options) { Target = "unix:" + socketPath };
    }

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        using var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.Start(new FrameContent(Serialize(method.RequestMarshaller, request)));
        return await call.ReadSingleAsync().ConfigureAwait(false);
    }

    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        try
        {
            call.Start(new FrameContent(Serialize(method.RequestMarshaller, request)));
            return new ServerStreamingCall<TResponse>(call, call);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        try
        {
            call.StartDuplex();
            return new DuplexStreamingCall<TRequest, TResponse>(call, call, call);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    public void Dispose() => Invoker.Dispose();

    internal PooledFrameWriter Serialize<T>(GrpcMarshaller<T> marshaller, T message)
    {
        var frame = new PooledFrameWriter();
        try
        {
            marshaller.Serialize(message, frame);
            if (frame.MessageLength > Options.MaxSendMessageSize)
            {
                throw new RpcException(StatusCode.ResourceExhausted, $"grpc: trying to send message larger than max ({frame.MessageLength} vs. {Options.MaxSendMessageSize})");
            }

            return frame;
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    internal HttpRequestMessage CreateRequest(string path, HttpContent content, CallOptions options)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        if (options.Timeout is { } timeout)
        {
            request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Encode(timeout));
        }

        if (options.Headers is { } headers)
        {
            foreach (var (key, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(key, value);
            }
        }

        return request;
    }

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options) => new()
    {
        ConnectTimeout = options.ConnectTimeout,
        // A stream limit (grpc-go servers allow 100 per connection unless configured) opens a second
        // connection instead of queueing calls behind a long watch or log stream.
        EnableMultipleHttp2Connections = true,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    };
}
