using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Sleeps before the container continues stopping.
/// </summary>
public sealed class SleepAction
{
    [WireKey(1)]
    public long? Seconds { get; set; }
}
