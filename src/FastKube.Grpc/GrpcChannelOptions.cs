using System.Net.Http;

namespace FastKube.Grpc;

/// <summary>Settings of a <see cref="GrpcChannel"/>; the defaults are grpc-go's client defaults.</summary>
public sealed record GrpcChannelOptions
{
    /// <summary>Largest response message accepted; default 4 MiB (grpc-go's defaultClientMaxReceiveMessageSize).</summary>
    public int MaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent; default int.MaxValue (grpc-go's defaultClientMaxSendMessageSize).</summary>
    public int MaxSendMessageSize { get; init; } = int.MaxValue;

    /// <summary>Time allowed to open the TCP or unix socket connection; default 20 s (grpc-go's minimum connect timeout).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Clock for call deadlines; tests inject a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Last-chance handler settings, e.g. TLS client certificates for etcd; applied after FastKube's own.</summary>
    public Action<SocketsHttpHandler>? ConfigureHandler { get; init; }
}
