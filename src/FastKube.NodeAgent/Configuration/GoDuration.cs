using System.Globalization;
using System.Text;

namespace FastKube.NodeAgent.Configuration;

/// <summary>
/// Durations as upstream component configs write them (Go's time.Duration text: "10s", "5m0s", "1h30m",
/// "250ms", "1.5s"), parsed and printed the way Go's ParseDuration and Duration.String do.
/// </summary>
public static class GoDuration
{
    /// <summary>Parses Go duration text; false for anything Go would refuse.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.SequenceEqual("0"))
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        decimal totalNanoseconds = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !decimal.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            s = s[numberLength..];
            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            decimal? unit = s[..unitLength] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            totalNanoseconds += number * unit.Value;
            s = s[unitLength..];
        }

        // Go's Duration is int64 nanoseconds; TimeSpan ticks are 100 ns, so round down to a tick.
        if (totalNanoseconds / 100m > long.MaxValue)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)(totalNanoseconds / 100m));
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Go's Duration.String: "0s", "250ms", "10s", "5m0s", "1h0m0s", "1.5s".</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            builder.Append('-');
            value = -value;
        }

        var ticks = value.Ticks;
        if (ticks < TimeSpan.TicksPerSecond)
        {
            // Below one second Go picks the largest unit that keeps an integer part: ms, µs, ns.
            var nanoseconds = ticks * 100m;
            var (amount, unit) = nanoseconds >= 1_000_000m ? (nanoseconds / 1_000_000m, "ms")
                : nanoseconds >= 1_000m ? (nanoseconds / 1_000m, "µs") : (nanoseconds, "ns");
            return builder.Append(amount.ToString("0.#########", CultureInfo.InvariantCulture)).Append(unit).ToString();
        }

        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks / TimeSpan.TicksPerMinute % 60;
        var seconds = ticks % TimeSpan.TicksPerMinute / (decimal)TimeSpan.TicksPerSecond;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return builder.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('s').ToString();
    }
}
