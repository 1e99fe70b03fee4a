using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Repels pods that do not tolerate it.
/// </summary>
public sealed class Taint
{
    [WireKey(1)]
    public string? Key { get; set; }

    [WireKey(2)]
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    [WireKey(3)]
    public string? Effect { get; set; }

    [WireKey(4)]
    public DateTimeOffset? TimeAdded { get; set; }
}
