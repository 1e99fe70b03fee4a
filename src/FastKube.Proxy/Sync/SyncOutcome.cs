namespace FastKube.Proxy.Sync;

/// <summary>What one sync did, for metrics and health.</summary>
internal sealed record SyncOutcome(bool Full, bool Succeeded, TimeSpan Duration, int ServicePorts, int Operations)
{
    public string? Error { get; init; }

    /// <summary>Change-trigger times of the EndpointSlice updates this sync programmed.</summary>
    public IReadOnlyList<DateTimeOffset> TriggerTimes { get; init; } = [];
}
