namespace FastKube.Cri;

/// <summary>Settings of the CRI clients; defaults are the kubelet's.</summary>
public sealed record CriClientOptions
{
    /// <summary>
    /// Deadline of every call except image pulls; default 2 min (the kubelet's --runtime-request-timeout).
    /// StopContainer and ExecSync get their own timeout on top, as the kubelet's remote runtime does.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest message either way; default 16 MiB (the kubelet's CRI maxMsgSize, for long container lists).</summary>
    public int MaxMessageSize { get; init; } = 16 * 1024 * 1024;
}
