using System.Globalization;

namespace FastKube.Grpc;

/// <summary>
/// The <c>grpc-timeout</c> header value: at most 8 ASCII digits and a unit (H, M, S, m, u, n), per
/// PROTOCOL-HTTP2.md. The value is rounded up in the finest unit that fits, as grpc-go does, so the
/// server never sees a shorter deadline than the client's.
/// </summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    private static readonly (long NanosPerUnit, char Unit)[] Units =
    [
        (1, 'n'),
        (1_000, 'u'),
        (1_000_000, 'm'),
        (1_000_000_000, 'S'),
        (60L * 1_000_000_000, 'M'),
        (3600L * 1_000_000_000, 'H'),
    ];

    public static string Encode(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "0n";
        }

        // TimeSpan ticks are 100 ns; Int64 nanoseconds overflow only past 292 years, which the H unit caps below.
        long nanos = timeout.Ticks > long.MaxValue / 100 ? long.MaxValue : timeout.Ticks * 100;
        foreach (var (perUnit, unit) in Units)
        {
            long value = (nanos / perUnit) + (nanos % perUnit > 0 ? 1 : 0);
            if (value <= MaxValue)
            {
                return value.ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return MaxValue.ToString(CultureInfo.InvariantCulture) + "H";
    }
}
