namespace FastKube.Balancer;

/// <summary>Process-wide settings of one <see cref="L4Balancer"/>; every default is stated here and in docs/balancer.md.</summary>
public sealed record BalancerOptions
{
    public static BalancerOptions Default { get; } = new();

    /// <summary>Clock for timeouts, ejection backoff, affinity and drain deadlines (tests inject a manual one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Random source of the power-of-two policy; must be thread-safe (default <see cref="Random.Shared"/>).</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>Block size of both relays (one receive per block). Default 64 KiB: in the <c>l4</c> bench the bulk stream cost 9.6 Gbit per
    /// CPU-second at 64 KiB against 7.6-7.7 at 16 KiB (a quarter of the receive and send calls); idle connections hold no block either way.</summary>
    public int BlockSize { get; init; } = 64 * 1024;

    /// <summary>A direction's pipe stops receiving from its source above this many unsent bytes. Default 256 KiB.</summary>
    public int PauseWriterThreshold { get; init; } = 256 * 1024;

    /// <summary>… and resumes below this. Default 128 KiB.</summary>
    public int ResumeWriterThreshold { get; init; } = 128 * 1024;

    /// <summary>Free blocks each pool shard keeps (one shard per processor). Default 64 (4 MiB per shard at 64 KiB).</summary>
    public int RetainBlocksPerShard { get; init; } = 64;

    /// <summary>Reset pipes kept for reuse. Default 1024.</summary>
    public int RetainPipes { get; init; } = 1024;

    /// <summary>TCP relay implementation. Default <see cref="Configuration.TcpRelay.Pipelines"/>; docs/performance.md (## l4) compares both.</summary>
    public Configuration.TcpRelay Relay { get; init; } = Configuration.TcpRelay.Pipelines;

    /// <summary>Period of the sweep that enforces idle timeouts, drain deadlines, UDP flow expiry and affinity expiry. Default 1 s.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);
}
