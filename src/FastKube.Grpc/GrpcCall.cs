using System.Net;
using System.Net.Http;

namespace FastKube.Grpc;

/// <summary>
/// One call's HTTP/2 exchange: the request, the deadline timer and cancellation, the response headers
/// (HTTP status, trailers-only status, content type), the framed response messages and the final status
/// from the trailers. The public call types are thin views over it.
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IResponseSource<TResponse>, IDisposable
{
    private const int ReasonNone = 0;
    private const int ReasonCaller = 1;
    private const int ReasonDeadline = 2;
    private const int ReasonDisposed = 3;

    private readonly GrpcChannel _channel;
    private readonly GrpcMethod<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private CancellationTokenRegistration _callerRegistration;
    private ITimer? _deadlineTimer;
    private int _reason;
    private int _disposed;
    private HttpRequestMessage? _request;
    private Task<HttpResponseMessage>? _responseTask;
    private HttpResponseMessage? _response;
    private GrpcMessageReader<TResponse>? _reader;
    private bool _trailersOnly;
    private bool _finished;
    private Exception? _error;

    public GrpcCall(GrpcChannel channel, GrpcMethod<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
    }

    public TResponse Current { get; private set; } = default!;

    /// <summary>Sends the request headers and starts the body; returns before the response arrives.</summary>
    public void Start(HttpContent content)
    {
        if (_options.Timeout is { } timeout)
        {
            if (timeout <= TimeSpan.Zero)
            {
                content.Dispose();
                throw new RpcException(StatusCode.DeadlineExceeded, "deadline exceeded before the call started");
            }

            _deadlineTimer = _channel.Options.TimeProvider.CreateTimer(
                static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(ReasonDeadline), this, timeout, Timeout.InfiniteTimeSpan);
        }

        if (_options.CancellationToken.CanBeCanceled)
        {
            _callerRegistration = _options.CancellationToken.UnsafeRegister(
                static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(ReasonCaller), this);
        }

        _request = _channel.CreateRequest(_method.Path, content, _options);
        _responseTask = _channel.Invoker.SendAsync(_request, _cts.Token);
        if (content is PushStreamContent push)
        {
            // A writer waiting for the request stream must not wait forever when the request never got out.
            _responseTask.ContinueWith(
                static (task, state) => ((PushStreamContent)state!).Fail(task.Exception!.GetBaseException()),
                push,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (_error is not null)
        {
            throw _error;
        }

        if (_finished)
        {
            return false;
        }

        using var registration = RegisterCaller(cancellationToken);
        try
        {
            var reader = _reader ?? await OpenResponseAsync().ConfigureAwait(false);
            var (hasMessage, message) = await reader.ReadAsync(_cts.Token).ConfigureAwait(false);
            if (hasMessage)
            {
                Current = message!;
                return true;
            }

            if (!_trailersOnly)
            {
                var status = GrpcStatus.Read(_response!.TrailingHeaders, out bool present);
                if (!present)
                {
                    throw new RpcException(StatusCode.Internal, "server closed the stream without sending a grpc-status trailer");
                }

                if (status is not null)
                {
                    throw status;
                }
            }

            _finished = true;
            return false;
        }
        catch (Exception exception)
        {
            _error = Translate(exception, cancellationToken);
            _finished = true;
            throw _error;
        }
    }

    /// <summary>The single response of a unary call.</summary>
    public async Task<TResponse> ReadSingleAsync()
    {
        if (!await MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "grpc: server ended a unary call with status OK but no response message");
        }

        var response = Current;
        if (await MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "grpc: cardinality violation: expected one response message, received more");
        }

        return response;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_finished)
        {
            // Resets the HTTP/2 stream (RST_STREAM CANCEL) of a call abandoned midway.
            Cancel(ReasonDisposed);
        }

        _callerRegistration.Dispose();
        _deadlineTimer?.Dispose();
        DisposeRequestStream();
        if (_response is not null)
        {
            _response.Dispose();
        }
        else
        {
            // Never awaited (a call disposed before reading): dispose a late response, observe a late failure.
            _responseTask?.ContinueWith(
                static task =>
                {
                    if (task.IsCompletedSuccessfully)
                    {
                        task.Result.Dispose();
                    }
                    else
                    {
                        _ = task.Exception;
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        _request?.Dispose();
        _cts.Dispose();
    }

    private async ValueTask<GrpcMessageReader<TResponse>> OpenResponseAsync()
    {
        var response = await _responseTask!.ConfigureAwait(false);
        _response = response;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw GrpcStatus.FromHttpStatus(response.StatusCode);
        }

        // grpc-go answers errors "trailers-only": grpc-status in the response headers and no body.
        var headerStatus = GrpcStatus.Read(response.Headers, out bool trailersOnly);
        _trailersOnly = trailersOnly;
        if (headerStatus is not null)
        {
            throw headerStatus;
        }

        if (!trailersOnly && !GrpcProtocol.IsGrpcContentType(response.Content.Headers.ContentType?.MediaType))
        {
            throw new RpcException(StatusCode.Internal, $"grpc: response content-type is \"{response.Content.Headers.ContentType}\", not application/grpc");
        }

        var body = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
        _reader = new GrpcMessageReader<TResponse>(body, _method.ResponseMarshaller, _channel.Options.MaxReceiveMessageSize);
        return _reader;
    }

    private CancellationTokenRegistration RegisterCaller(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(ReasonCaller), this)
            : default;

    private void Cancel(int reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, ReasonNone);
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The timer or a token fired while the finished call was being disposed: nothing left to cancel.
        }
    }

    private Exception Translate(Exception exception, CancellationToken operationToken)
    {
        switch (Volatile.Read(ref _reason))
        {
            case ReasonDeadline:
                return new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded", exception);
            case ReasonCaller:
                var token = _options.CancellationToken.IsCancellationRequested ? _options.CancellationToken : operationToken;
                return new OperationCanceledException("The gRPC call was cancelled by the caller.", exception, token);
            case ReasonDisposed:
                return new RpcException(StatusCode.Cancelled, "the call was disposed", exception);
        }

        return exception switch
        {
            RpcException => exception,
            _ when FindProtocolError(exception) is { } protocol => FromHttp2Error(protocol),
            HttpRequestException => new RpcException(StatusCode.Unavailable, $"failed to reach {_channel.Target}: {exception.Message}", exception),
            IOException => new RpcException(StatusCode.Unavailable, $"connection to {_channel.Target} lost: {exception.Message}", exception),
            OperationCanceledException => new RpcException(StatusCode.Cancelled, exception.Message, exception),
            _ => new RpcException(StatusCode.Internal, exception.Message, exception),
        };
    }

    private static HttpProtocolException? FindProtocolError(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException protocol)
            {
                return protocol;
            }
        }

        return null;
    }

    /// <summary>RST_STREAM and GOAWAY error codes to status, per the gRPC spec's PROTOCOL-HTTP2.md "Errors" table.</summary>
    private static RpcException FromHttp2Error(HttpProtocolException exception)
    {
        var code = exception.ErrorCode switch
        {
            0x7 => StatusCode.Unavailable, // REFUSED_STREAM: not processed, safe to retry
            0x8 => StatusCode.Cancelled, // CANCEL
            0xb => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
            0xc => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
            _ => StatusCode.Internal,
        };
        return new RpcException(code, $"HTTP/2 stream error 0x{exception.ErrorCode:x}: {exception.Message}", exception);
    }
}
