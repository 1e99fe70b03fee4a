using System.Globalization;
using System.Text;

namespace FastKube.ApiServer.Metrics;

/// <summary>A Prometheus histogram with fixed upper bounds; observations are lock-free.</summary>
internal sealed class Histogram(double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private long _sumMicros;

    public void Observe(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var bucket = Array.BinarySearch(bounds, seconds);
        Interlocked.Increment(ref _counts[bucket >= 0 ? bucket : ~bucket]);
        Interlocked.Add(ref _sumMicros, (long)(duration.Ticks / 10));
    }

    /// <summary>Appends the cumulative <c>_bucket</c> lines, <c>_sum</c> and <c>_count</c> with the given label text.</summary>
    public void WriteTo(StringBuilder text, string name, string labels)
    {
        long cumulative = 0;
        for (var i = 0; i <= bounds.Length; i++)
        {
            cumulative += Volatile.Read(ref _counts[i]);
            var le = i < bounds.Length ? bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{le}\"}} {cumulative}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {(Volatile.Read(ref _sumMicros) / 1e6).ToString(CultureInfo.InvariantCulture)}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {cumulative}\n");
    }
}
