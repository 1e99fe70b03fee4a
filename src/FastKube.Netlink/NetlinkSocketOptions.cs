namespace FastKube.Netlink;

/// <summary>How a <see cref="NetlinkSocket"/> is opened. Defaults are written next to each option.</summary>
public sealed record NetlinkSocketOptions
{
    public static NetlinkSocketOptions Default { get; } = new();

    /// <summary>Network namespace (name under /var/run/netns or an absolute path); null (default): the caller's.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>
    /// SO_RCVBUF(FORCE) in bytes; default 8 MiB. Dumps of a 100k-element map and the error burst of a failed
    /// batch arrive faster than one reader drains them; the kernel default (~200 KiB) loses them with ENOBUFS.
    /// </summary>
    public int ReceiveBufferBytes { get; init; } = 8 << 20;

    /// <summary>How long to wait for each reply datagram; default 60 s (a 10k-service batch commit on a loaded 2-core machine takes seconds).</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
