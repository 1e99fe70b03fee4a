using System.Globalization;
using System.Text;

namespace FastKube.Api.Meta;

/// <summary>
/// metav1.Duration's text form, which is Go's <c>time.Duration</c>: parsed as <c>time.ParseDuration</c> does
/// ("300ms", "1.5h", "2h45m", "-1m", "0") and printed as <c>Duration.String()</c> does ("10s", "5m0s",
/// "1h0m0s", "1.5s", "500ms"). Every component config file (KubeletConfiguration, KubeProxyConfiguration,
/// KubeSchedulerConfiguration, …) writes durations this way.
/// </summary>
public static class GoDuration
{
    private const long NanosPerTick = 100;

    /// <summary>Parses a Go duration; false for anything <c>time.ParseDuration</c> refuses (a missing unit, "", "1d").</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan();
        var negative = s[0] == '-';
        if (s[0] is '-' or '+')
        {
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        decimal nanos = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || s[..numberLength] is "." || !decimal.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            s = s[numberLength..];
            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            decimal? scale = s[..unitLength] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => null,
            };
            if (scale is null)
            {
                return false;
            }

            nanos += number * scale.Value;
            if (nanos > long.MaxValue)
            {
                return false;
            }

            s = s[unitLength..];
        }

        var ticks = (long)(nanos / NanosPerTick);
        duration = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Go's <c>Duration.String()</c> (to the 100 ns resolution of <see cref="TimeSpan"/>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration.Negate();
        }

        var nanos = duration.Ticks * NanosPerTick;
        if (nanos < 1_000_000_000)
        {
            // Below a second Go picks the largest unit with a non-zero integer part.
            var (unit, size) = nanos >= 1_000_000 ? ("ms", 1_000_000L) : nanos >= 1_000 ? ("µs", 1_000L) : ("ns", 1L);
            return builder.Append(Fraction(nanos, size)).Append(unit).ToString();
        }

        var hours = nanos / 3_600_000_000_000;
        var minutes = nanos / 60_000_000_000 % 60;
        var secondsNanos = nanos % 60_000_000_000;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return builder.Append(Fraction(secondsNanos, 1_000_000_000)).Append('s').ToString();
    }

    private static string Fraction(long value, long unit)
    {
        var whole = (value / unit).ToString(CultureInfo.InvariantCulture);
        var rest = value % unit;
        if (rest == 0)
        {
            return whole;
        }

        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}
