using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Exited, with its exit code.
/// </summary>
public sealed class ContainerStateTerminated
{
    [WireKey(1)]
    public int? ExitCode { get; set; }

    [WireKey(2)]
    public int? Signal { get; set; }

    [WireKey(3)]
    public string? Reason { get; set; }

    [WireKey(4)]
    public string? Message { get; set; }

    [WireKey(5)]
    public DateTimeOffset? StartedAt { get; set; }

    [WireKey(6)]
    public DateTimeOffset? FinishedAt { get; set; }

    [WireKey(7)]
    public string? ContainerID { get; set; }
}
