namespace FastKube.Balancer.Tests.Support;

/// <summary>A clock that moves only when told; timers are the system's (the balancer's sweep is called directly).</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(GetTimestamp()));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
