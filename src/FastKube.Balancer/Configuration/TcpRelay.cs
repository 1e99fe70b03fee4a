namespace FastKube.Balancer.Configuration;

/// <summary>How a TCP connection moves bytes between its two sockets.</summary>
public enum TcpRelay
{
    /// <summary>A System.IO.Pipelines pipe per direction with pause/resume thresholds (the default, as issue 8 specifies).</summary>
    Pipelines,

    /// <summary>One pooled block per direction: receive, send it all, repeat. Fewer hand-offs, no buffering beyond one block (the send itself is the backpressure).</summary>
    Copy,
}
