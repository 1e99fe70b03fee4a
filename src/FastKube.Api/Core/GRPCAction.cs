using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A gRPC health check (grpc.health.v1).
/// </summary>
public sealed class GRPCAction
{
    [WireKey(1)]
    public int? Port { get; set; }

    [WireKey(2)]
    public string? Service { get; set; }
}
