using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// How long ClientIP affinity sticks (default 10800 seconds).
/// </summary>
public sealed class ClientIPConfig
{
    [WireKey(1)]
    public int? TimeoutSeconds { get; set; }
}
