namespace FastKube.NodeAgent.Simulated;

/// <summary>How the in-memory runtime of hollow nodes behaves.</summary>
public sealed record SimulatedRuntimeOptions
{
    /// <summary>How long StartContainer takes before the container runs (containerd takes ~100 ms here).</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Images present from the start (as if imported).</summary>
    public IReadOnlyList<string> Images { get; init; } = ["localhost/fastkube/busybox:latest"];

    /// <summary>Images whose pull fails (as an unreachable registry would); every other pull succeeds.</summary>
    public IReadOnlyList<string> UnpullableImages { get; init; } = [];

    /// <summary>Pod IPs come from this /16 or smaller IPv4 range, in order, from its .2 (host-local's first).</summary>
    public string PodCidr { get; init; } = "10.88.0.0/16";

    /// <summary>The exit code of a container stopped by StopContainer (143: a shell killed by SIGTERM).</summary>
    public int StopExitCode { get; init; } = 143;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
