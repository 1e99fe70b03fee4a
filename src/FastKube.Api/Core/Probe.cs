using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A health check of a container (liveness, readiness or startup): one handler and its thresholds.
/// </summary>
public sealed class Probe
{
    [WireKey(1)]
    public ExecAction? Exec { get; set; }

    [WireKey(2)]
    public HTTPGetAction? HttpGet { get; set; }

    [WireKey(3)]
    public TCPSocketAction? TcpSocket { get; set; }

    [WireKey(4)]
    public GRPCAction? Grpc { get; set; }

    [WireKey(5)]
    public int? InitialDelaySeconds { get; set; }

    [WireKey(6)]
    public int? TimeoutSeconds { get; set; }

    [WireKey(7)]
    public int? PeriodSeconds { get; set; }

    [WireKey(8)]
    public int? SuccessThreshold { get; set; }

    [WireKey(9)]
    public int? FailureThreshold { get; set; }

    [WireKey(10)]
    public long? TerminationGracePeriodSeconds { get; set; }
}
