using System.Globalization;
using System.Text;

namespace FastKube.Cluster;

/// <summary>
/// Durations as upstream component configs write them (Go's time.ParseDuration, metav1.Duration): a sequence of
/// decimal numbers with units <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, e.g. <c>15s</c>, <c>1m30s</c>, <c>500ms</c>.
/// </summary>
internal static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            double? seconds = text[unitStart..i] switch
            {
                "h" => number * 3600,
                "m" => number * 60,
                "s" => number,
                "ms" => number / 1000,
                _ => null,
            };
            if (seconds is null)
            {
                return false;
            }

            value += TimeSpan.FromSeconds(seconds.Value);
        }

        return true;
    }

    /// <summary>The shortest Go form: <c>15s</c>, <c>1m30s</c>, <c>500ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var text = new StringBuilder();
        if (value.Hours + (value.Days * 24) is > 0 and var hours)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (value.Minutes > 0)
        {
            text.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = value.Seconds + (value.Milliseconds / 1000.0);
        if (seconds > 0)
        {
            text.Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
        }

        return text.ToString();
    }
}
