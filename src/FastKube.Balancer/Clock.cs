namespace FastKube.Balancer;

/// <summary>The injected <see cref="TimeProvider"/> in timestamp units, so hot paths compare longs instead of building TimeSpans.</summary>
internal sealed class Clock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public long Now => Time.GetTimestamp();

    public long Ticks(TimeSpan span) => span == TimeSpan.MaxValue ? long.MaxValue / 2 : (long)(span.TotalSeconds * Time.TimestampFrequency);
}
