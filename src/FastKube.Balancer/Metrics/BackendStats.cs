using System.Net;

namespace FastKube.Balancer.Metrics;

/// <summary>One backend's counters at a moment. <c>BytesIn</c> flowed client → backend, <c>BytesOut</c> backend → client.</summary>
public readonly record struct BackendStats(
    string Frontend,
    IPEndPoint Endpoint,
    long ActiveConnections,
    long Connections,
    long BytesIn,
    long BytesOut,
    long ConnectErrors,
    long Ejections,
    bool Ejected,
    bool Draining);
