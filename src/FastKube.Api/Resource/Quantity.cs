using System.Text.Json.Serialization;

namespace FastKube.Api.Resource;

/// <summary>
/// A fixed-point amount of a resource (k8s.io/apimachinery resource.Quantity), e.g. <c>100m</c> CPU or
/// <c>1Gi</c> memory. Parsing follows upstream's grammar and rounding (values round up, away from zero,
/// to 1n, the smallest amount upstream keeps); <see cref="ToString"/> is upstream's canonical form in the
/// input's notation family.
/// The value is held as a <see cref="decimal"/>: exact for every amount with at most 28 significant
/// digits and magnitude below 7.9e28. Upstream keeps larger or longer numbers in arbitrary precision;
/// such inputs fail to parse here instead.
/// Equality and ordering look at the value only (<c>1000m == 1</c>), as upstream's Cmp does.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly partial struct Quantity : IEquatable<Quantity>, IComparable<Quantity>, IComparable
{
    // Upstream caps BinarySI amounts at the largest int64 (2^63 - 1).
    private const decimal MaxBinary = long.MaxValue;
    private const decimal Nano = 0.000000001m;

    private readonly decimal _value;

    /// <summary>Creates a quantity; the value rounds up (away from zero) to whole nanounits like parsed input.</summary>
    public Quantity(decimal value, QuantityFormat format = QuantityFormat.DecimalSI)
    {
        _value = RoundUpToNano(value);
        Format = format;
    }

    public QuantityFormat Format { get; }

    /// <summary>The exact amount.</summary>
    public decimal Amount => _value;

    public bool IsZero => _value == 0;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => Math.Sign(_value);

    public static Quantity Zero => default;

    /// <summary>An integer amount (upstream NewQuantity).</summary>
    public static Quantity FromValue(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value, format);

    /// <summary>An amount in thousandths (upstream NewMilliQuantity), e.g. 250 for 250m CPU.</summary>
    public static Quantity FromMilli(long milli, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(milli / 1000m, format);

    /// <summary>The value rounded up (away from zero) to an integer, saturated at the int64 range.</summary>
    public long Value() => CeilingToLong(_value);

    /// <summary>The value in thousandths, rounded up (away from zero), saturated at the int64 range.</summary>
    public long MilliValue() => CeilingToLong(_value * 1000m);

    /// <summary>
    /// Rounds up (away from zero) to a multiple of 10^<paramref name="scale"/>, keeping the format, as
    /// upstream's RoundUp; <paramref name="exact"/> tells whether nothing was lost. The API defaults every
    /// resource list to milli precision this way (RoundUp(-3): "0.1m" becomes "1m").
    /// </summary>
    public Quantity RoundUp(int scale, out bool exact)
    {
        decimal factor = 1;
        for (int i = 0; i < Math.Abs(scale); i++)
        {
            factor *= 10;
        }

        decimal units = scale < 0 ? _value * factor : _value / factor;
        decimal whole = units >= 0 ? decimal.Ceiling(units) : decimal.Floor(units);
        exact = whole == units;
        return exact ? this : new Quantity(scale < 0 ? whole / factor : whole * factor, Format);
    }

    /// <summary>The value as a double (upstream AsApproximateFloat64).</summary>
    public double ToDouble() => (double)_value;

    /// <summary>The sum, in this quantity's format (or <paramref name="other"/>'s when this one is zero), as upstream's Add.</summary>
    public Quantity Add(Quantity other) => new(_value + other._value, IsZero ? other.Format : Format);

    /// <summary>The difference, formatted like <see cref="Add"/>.</summary>
    public Quantity Sub(Quantity other) => new(_value - other._value, IsZero ? other.Format : Format);

    public Quantity Negate() => new(-_value, Format);

    public static Quantity operator +(Quantity left, Quantity right) => left.Add(right);

    public static Quantity operator -(Quantity left, Quantity right) => left.Sub(right);

    public static bool operator ==(Quantity left, Quantity right) => left._value == right._value;

    public static bool operator !=(Quantity left, Quantity right) => left._value != right._value;

    public static bool operator <(Quantity left, Quantity right) => left._value < right._value;

    public static bool operator >(Quantity left, Quantity right) => left._value > right._value;

    public static bool operator <=(Quantity left, Quantity right) => left._value <= right._value;

    public static bool operator >=(Quantity left, Quantity right) => left._value >= right._value;

    public bool Equals(Quantity other) => _value == other._value;

    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    // decimal hashes equal values equally whatever their scale (1.0 and 1).
    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(Quantity other) => _value.CompareTo(other._value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Quantity other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a Quantity.", nameof(obj)),
    };

    /// <summary>Upstream's canonical form (Quantity.String()), e.g. "1536Mi" for 1.5Gi, "500m" for 0.5.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        return new string(buffer[..FormatCanonical(buffer)]);
    }

    private static decimal RoundUpToNano(decimal value)
    {
        if (value.Scale <= 9)
        {
            return value;
        }

        decimal truncated = decimal.Round(value, 9, MidpointRounding.ToZero);
        return truncated == value ? truncated : truncated + (value > 0 ? Nano : -Nano);
    }

    private static long CeilingToLong(decimal value)
    {
        decimal rounded = value >= 0 ? decimal.Ceiling(value) : decimal.Floor(value);
        return rounded >= long.MaxValue ? long.MaxValue
            : rounded <= long.MinValue ? long.MinValue
            : decimal.ToInt64(rounded);
    }
}
