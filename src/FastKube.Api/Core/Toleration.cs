using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Lets a pod schedule onto (or stay on) nodes with a matching taint.
/// </summary>
public sealed class Toleration
{
    [WireKey(1)]
    public string? Key { get; set; }

    /// <summary>Exists or Equal.</summary>
    [WireKey(2)]
    public string? Operator { get; set; }

    [WireKey(3)]
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    [WireKey(4)]
    public string? Effect { get; set; }

    [WireKey(5)]
    public long? TolerationSeconds { get; set; }
}
