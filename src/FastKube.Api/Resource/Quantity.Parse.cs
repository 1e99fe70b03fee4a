using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace FastKube.Api.Resource;

public readonly partial struct Quantity
{
    // Longer text cannot be a quantity this type holds: 28 significant digits, any zeros around them
    // within nano precision and the suffix fit well below it.
    internal const int MaxParsedLength = 128;

    // 2^96 - 1: the largest mantissa a decimal holds.
    private static readonly BigInteger MaxDecimalMantissa = (BigInteger.One << 96) - 1;

    /// <summary>Parses upstream's quantity grammar; throws <see cref="FormatException"/> on bad input.</summary>
    public static Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text.AsSpan(), out Quantity result))
        {
            ThrowFormat(text);
        }

        return result;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out Quantity result)
    {
        if (text is null)
        {
            result = default;
            return false;
        }

        return TryParse(text.AsSpan(), out result);
    }

    /// <summary>Parses UTF-8 text; anything but ASCII fails.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out Quantity result)
    {
        Span<char> text = stackalloc char[MaxParsedLength];
        if (utf8Text.Length > text.Length || !Ascii.IsValid(utf8Text))
        {
            result = default;
            return false;
        }

        int length = Encoding.ASCII.GetChars(utf8Text, text);
        return TryParse(text[..length], out result);
    }

    /// <summary>
    /// Parses <c>[+-]digits[.digits]suffix</c> where suffix is a decimal SI suffix (n u m k M G T P E or none),
    /// a binary one (Ki Mi Gi Ti Pi Ei) or an exponent (e3, E-6). The scan mirrors upstream's, including its
    /// leniencies ("1.", ".5", and a bare sign or "." reading as zero).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Quantity result)
    {
        result = default;
        if (text.IsEmpty)
        {
            return false;
        }

        int pos = 0;
        bool negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            pos++;
        }

        while (pos < text.Length && text[pos] == '0')
        {
            pos++;
        }

        int start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        ReadOnlySpan<char> whole = text[start..pos];
        ReadOnlySpan<char> fraction = default;
        if (pos < text.Length && text[pos] == '.')
        {
            start = ++pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            fraction = text[start..pos];
        }

        ReadOnlySpan<char> suffix = text[pos..];
        if (!HasSuffixShape(suffix) || !TryInterpretSuffix(suffix, out bool binary, out int exponent, out QuantityFormat format))
        {
            return false;
        }

        if (TryBuildFast(negative, whole, fraction, binary, exponent, out decimal value)
            || TryBuildSlow(negative, whole, fraction, binary, exponent, ref format, out value))
        {
            result = new Quantity(value, format);
            return true;
        }

        return false;
    }

    // Upstream scans suffix characters from "eEinumkKMGTP", then an optional sign and digits.
    private static bool HasSuffixShape(ReadOnlySpan<char> suffix)
    {
        int i = suffix.IndexOfAnyExcept("eEinumkKMGTP");
        if (i < 0)
        {
            return true;
        }

        if (suffix[i] is '+' or '-')
        {
            i++;
        }

        return !suffix[i..].ContainsAnyExcept("0123456789");
    }

    private static bool TryInterpretSuffix(ReadOnlySpan<char> suffix, out bool binary, out int exponent, out QuantityFormat format)
    {
        binary = false;
        format = QuantityFormat.DecimalSI;
        exponent = suffix switch
        {
            "" => 0,
            "n" => -9,
            "u" => -6,
            "m" => -3,
            "k" => 3,
            "M" => 6,
            "G" => 9,
            "T" => 12,
            "P" => 15,
            "E" => 18,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue)
        {
            return true;
        }

        binary = true;
        format = QuantityFormat.BinarySI;
        exponent = suffix switch
        {
            "Ki" => 10,
            "Mi" => 20,
            "Gi" => 30,
            "Ti" => 40,
            "Pi" => 50,
            "Ei" => 60,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue)
        {
            return true;
        }

        binary = false;
        format = QuantityFormat.DecimalExponent;
        return suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
    }

    // The common shapes ("100m", "1.5", "512Mi", "2e3") without big-integer arithmetic.
    private static bool TryBuildFast(bool negative, ReadOnlySpan<char> whole, ReadOnlySpan<char> fraction, bool binary, int exponent, out decimal value)
    {
        value = 0;
        if (whole.Length + fraction.Length > 18)
        {
            return false;
        }

        ulong mantissa = 0;
        foreach (char c in whole)
        {
            mantissa = (mantissa * 10) + (ulong)(c - '0');
        }

        foreach (char c in fraction)
        {
            mantissa = (mantissa * 10) + (ulong)(c - '0');
        }

        if (binary)
        {
            // Only whole binary amounts that stay within int64 (above it upstream caps, see the slow path).
            if (fraction.Length > 0 || (mantissa != 0 && 64 - BitOperations.LeadingZeroCount(mantissa) + exponent > 63))
            {
                return false;
            }

            value = mantissa << exponent;
            value = negative && mantissa != 0 ? -value : value;
            return true;
        }

        int scale = exponent - fraction.Length;
        if (scale is < -9 or > 10)
        {
            return false;
        }

        value = scale < 0
            ? new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative && mantissa != 0, (byte)-scale)
            : mantissa * PowerOfTen(scale);
        value = negative && scale >= 0 && mantissa != 0 ? -value : value;
        return true;
    }

    // Everything else, as upstream's inf.Dec path: exact arithmetic, then round up to 1n,
    // then cap binary amounts at 2^63 - 1 and show binary amounts below 1 as decimal SI.
    private static bool TryBuildSlow(
        bool negative, ReadOnlySpan<char> whole, ReadOnlySpan<char> fraction, bool binary, int exponent, ref QuantityFormat format, out decimal value)
    {
        value = 0;
        BigInteger mantissa = ParseDigits(whole) * BigInteger.Pow(10, fraction.Length) + ParseDigits(fraction);
        long scale = -fraction.Length;
        if (binary)
        {
            mantissa <<= exponent;
        }
        else
        {
            scale += exponent;
        }

        if (mantissa.IsZero)
        {
            return true;
        }

        if (scale < -9)
        {
            long drop = -9 - scale;
            // A divisor with more digits than the mantissa leaves less than 1n, which rounds up to 1n.
            mantissa = drop > mantissa.GetBitLength()
                ? BigInteger.One
                : BigInteger.DivRem(mantissa, BigInteger.Pow(10, (int)drop), out BigInteger rest) + (rest.IsZero ? 0 : 1);
            scale = -9;
        }

        if (binary)
        {
            BigInteger limit = scale >= 0 ? long.MaxValue : long.MaxValue * BigInteger.Pow(10, (int)-scale);
            if (scale > 19 || (scale >= 0 ? mantissa * BigInteger.Pow(10, (int)scale) : mantissa) > limit)
            {
                mantissa = long.MaxValue;
                scale = 0;
            }
            else if (scale < 0 && mantissa < BigInteger.Pow(10, (int)-scale))
            {
                format = QuantityFormat.DecimalSI;
            }
        }

        if (scale >= 0)
        {
            if (scale > 28)
            {
                return false;
            }

            mantissa *= BigInteger.Pow(10, (int)scale);
            scale = 0;
        }

        if (mantissa > MaxDecimalMantissa)
        {
            return false;
        }

        var bits = (UInt128)mantissa;
        value = new decimal((int)(uint)bits, (int)(uint)(bits >> 32), (int)(uint)(bits >> 64), negative, (byte)-scale);
        return true;
    }

    private static BigInteger ParseDigits(ReadOnlySpan<char> digits) =>
        digits.IsEmpty ? BigInteger.Zero : BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static decimal PowerOfTen(int exponent)
    {
        decimal result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    [DoesNotReturn]
    private static void ThrowFormat(string text) =>
        throw new FormatException($"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': \"{text}\"");
}
