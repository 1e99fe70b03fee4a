namespace FastKube.Client;

/// <summary>How a <see cref="KubeClient"/> behaves on the wire. Every default is written here.</summary>
public sealed record KubeClientOptions
{
    public static KubeClientOptions Default { get; } = new();

    /// <summary>
    /// Sustained requests per second (client-go's rest.Config QPS; watches count once, when they start).
    /// Default 5, as client-go; 0 or less disables the limit. Controllers that write a lot raise it
    /// (kube-controller-manager runs with 20, burst 30).
    /// </summary>
    public double Qps { get; init; } = 5;

    /// <summary>Requests allowed at once above <see cref="Qps"/> before waiting. Default 10, as client-go.</summary>
    public int Burst { get; init; } = 10;

    /// <summary>Bound on a non-watch request, from send to the whole body read. Default 60 s; watches have none.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// HTTP/2 PING after this long without frames, to find a dead watch connection; default 30 s (client-go's
    /// ReadIdleTimeout). The connection is dropped when the answer takes longer than <see cref="KeepAlivePingTimeout"/>.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Default 15 s (client-go's PingTimeout).</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest watch frame accepted; default 16 MiB (docs/watch-protocol.md).</summary>
    public int MaxWatchFrameBytes { get; init; } = Api.Serialization.MessagePack.WatchFrame.DefaultMaxFrameBytes;

    /// <summary>Sent as User-Agent; default "fastkube-client".</summary>
    public string UserAgent { get; init; } = "fastkube-client";

    /// <summary>The clock of the rate limiter. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
