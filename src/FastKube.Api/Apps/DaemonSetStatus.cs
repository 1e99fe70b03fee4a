using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The observed state of a daemon set.
/// </summary>
public sealed class DaemonSetStatus
{
    [WireKey(1)]
    public int? CurrentNumberScheduled { get; set; }

    [WireKey(2)]
    public int? NumberMisscheduled { get; set; }

    [WireKey(3)]
    public int? DesiredNumberScheduled { get; set; }

    [WireKey(4)]
    public int? NumberReady { get; set; }

    [WireKey(5)]
    public long? ObservedGeneration { get; set; }

    [WireKey(6)]
    public int? UpdatedNumberScheduled { get; set; }

    [WireKey(7)]
    public int? NumberAvailable { get; set; }

    [WireKey(8)]
    public int? NumberUnavailable { get; set; }

    [WireKey(9)]
    public int? CollisionCount { get; set; }

    [WireKey(10)]
    public List<DaemonSetCondition>? Conditions { get; set; }
}
