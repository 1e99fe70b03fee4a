using System.Globalization;
using System.Text;

namespace FastKube.Api.Resource;

public readonly partial struct Quantity
{
    /// <summary>
    /// The longest canonical form: a sign, up to 31 mantissa digits (29 significant digits times 100 for
    /// the exponent adjustment) and a suffix such as "Ki" or "e-9", rounded up.
    /// </summary>
    public const int MaxFormattedLength = 48;

    private static readonly string[] DecimalSuffixes = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    /// <summary>Writes the canonical form (<see cref="ToString"/>) without allocating.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length >= MaxFormattedLength)
        {
            charsWritten = FormatCanonical(destination);
            return true;
        }

        Span<char> buffer = stackalloc char[MaxFormattedLength];
        int length = FormatCanonical(buffer);
        charsWritten = length <= destination.Length ? length : 0;
        return buffer[..length].TryCopyTo(destination);
    }

    /// <summary>Writes the canonical form as UTF-8 (it is ASCII) without allocating.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        int length = FormatCanonical(buffer);
        if (length > utf8Destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten = Encoding.ASCII.GetBytes(buffer[..length], utf8Destination);
        return true;
    }

    /// <summary>Writes the canonical form; <paramref name="destination"/> must hold <see cref="MaxFormattedLength"/> characters.</summary>
    private int FormatCanonical(Span<char> destination)
    {
        if (_value == 0)
        {
            destination[0] = '0';
            return 1;
        }

        QuantityFormat format = Format;
        // As upstream: binary amounts below 1024 in magnitude, or not whole, are shown in decimal SI.
        if (format == QuantityFormat.BinarySI && (Math.Abs(_value) < 1024 || _value != decimal.Truncate(_value)))
        {
            format = QuantityFormat.DecimalSI;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(_value, bits);
        UInt128 mantissa = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        int scale = (bits[3] >> 16) & 0xFF;

        int pos = 0;
        if (_value < 0)
        {
            destination[pos++] = '-';
        }

        string suffix = "";
        int writtenExponent = 0;
        if (format == QuantityFormat.BinarySI)
        {
            for (; scale > 0; scale--)
            {
                mantissa /= 10;
            }

            int power = 0;
            while (power < BinarySuffixes.Length - 1 && mantissa % 1024 == 0)
            {
                mantissa /= 1024;
                power++;
            }

            suffix = BinarySuffixes[power];
        }
        else
        {
            int exponent = -scale;
            while (mantissa % 10 == 0)
            {
                mantissa /= 10;
                exponent++;
            }

            // The largest suffix (or multiple of 3 for exponents) that keeps the mantissa whole.
            switch (exponent % 3)
            {
                case 1 or -2:
                    mantissa *= 10;
                    exponent--;
                    break;
                case 2 or -1:
                    mantissa *= 100;
                    exponent -= 2;
                    break;
            }

            if (format == QuantityFormat.DecimalSI)
            {
                // Upstream has no suffix past E and would print the bare mantissa; keep the value right instead.
                for (; exponent > 18; exponent--)
                {
                    mantissa *= 10;
                }

                suffix = DecimalSuffixes[(exponent + 9) / 3];
            }
            else
            {
                writtenExponent = exponent;
            }
        }

        mantissa.TryFormat(destination[pos..], out int written, default, CultureInfo.InvariantCulture);
        pos += written;
        if (writtenExponent != 0)
        {
            destination[pos++] = 'e';
            writtenExponent.TryFormat(destination[pos..], out written, default, CultureInfo.InvariantCulture);
            return pos + written;
        }

        suffix.AsSpan().CopyTo(destination[pos..]);
        return pos + suffix.Length;
    }
}
