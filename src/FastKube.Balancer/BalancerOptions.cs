namespace FastKube.Balancer;

/// <summary>Process-wide settings of one <see cref="L4Balancer"/>; every default is stated here and in docs/balancer.md.</summary>
public sealed record BalancerOptions
{
    public static BalancerOptions Default { get; } = new();

    /// <summary>Clock for timeouts, ejection backoff, affinity and drain deadlines (tests inject a manual one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Random source of the power-of-two policy; must be thread-safe (default <see cref="Random.Shared"/>).</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>Pipe block size. Default 16 KiB: one receive per block, and the bench's bulk stream needed a quarter of the 4 KiB block count's system calls.</summary>
    public int BlockSize { get; init; } = 16 * 1024;

    /// <summary>A direction's pipe stops receiving from its source above this many unsent bytes. Default 256 KiB.</summary>
    public int PauseWriterThreshold { get; init; } = 256 * 1024;

    /// <summary>… and resumes below this. Default 128 KiB.</summary>
    public int ResumeWriterThreshold { get; init; } = 128 * 1024;

    /// <summary>Free blocks each pool shard keeps (one shard per processor). Default 256 (4 MiB per shard at 16 KiB).</summary>
    public int RetainBlocksPerShard { get; init; } = 256;

    /// <summary>Reset pipes kept for reuse. Default 1024.</summary>
    public int RetainPipes { get; init; } = 1024;

    /// <summary>TCP relay implementation. Default <see cref="Configuration.TcpRelay.Pipelines"/>; docs/performance.md (## l4) compares both.</summary>
    public Configuration.TcpRelay Relay { get; init; } = Configuration.TcpRelay.Pipelines;

    /// <summary>Period of the sweep that enforces idle timeouts, drain deadlines, UDP flow expiry and affinity expiry. Default 1 s.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);
}
