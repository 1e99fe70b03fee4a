namespace FastKube.Grpc;

/// <summary>
/// Per-call settings. <see cref="Timeout"/> becomes the <c>grpc-timeout</c> header and a client-side
/// deadline (<see cref="StatusCode.DeadlineExceeded"/>); cancelling <see cref="CancellationToken"/> resets
/// the HTTP/2 stream and surfaces as <see cref="OperationCanceledException"/>, the .NET convention for a
/// cancellation the caller asked for. <see cref="Headers"/> are sent as request metadata (lower-case keys).
/// </summary>
public readonly record struct CallOptions(
    TimeSpan? Timeout = null,
    CancellationToken CancellationToken = default,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null);
