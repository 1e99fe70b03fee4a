using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace FastKube.Api;

/// <summary>
/// An int32 or a string (k8s.io/apimachinery intstr.IntOrString), e.g. a service targetPort (8080 or
/// "http") or a rolling-update bound (1 or "25%"). The default value is the integer 0.
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly struct IntOrString : IEquatable<IntOrString>
{
    private readonly string? _string;

    public IntOrString(int value)
    {
        IntValue = value;
        _string = null;
    }

    public IntOrString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        IntValue = 0;
        _string = value;
    }

    [MemberNotNullWhen(true, nameof(_string))]
    public bool IsString => _string is not null;

    /// <summary>The integer; 0 when this holds a string.</summary>
    public int IntValue { get; }

    /// <summary>The string; empty when this holds an integer.</summary>
    public string StringValue => _string ?? "";

    public static implicit operator IntOrString(int value) => new(value);

    public static implicit operator IntOrString(string value) => new(value);

    public static IntOrString FromInt32(int value) => new(value);

    public static IntOrString FromString(string value) => new(value);

    /// <summary>An integer when the text is one (as upstream intstr.Parse), otherwise the string.</summary>
    public static IntOrString Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? new(value) : new(text);
    }

    /// <summary>
    /// Resolves an integer or a percentage of <paramref name="total"/> (upstream GetScaledValueFromIntOrPercent):
    /// "25%" of 10 is 3 rounding up, 2 rounding down. False when the string is not an integer followed by %.
    /// </summary>
    public bool TryGetScaledValue(int total, bool roundUp, out int value)
    {
        if (!IsString)
        {
            value = IntValue;
            return true;
        }

        value = 0;
        if (!_string.EndsWith('%')
            || !int.TryParse(_string.AsSpan(0, _string.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int percent))
        {
            return false;
        }

        // Upstream computes in float64; doing the same keeps results identical at the edges.
        double scaled = (double)percent * total / 100;
        value = (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
        return true;
    }

    /// <summary>As <see cref="TryGetScaledValue"/>, throwing <see cref="FormatException"/> with upstream's message.</summary>
    public int GetScaledValue(int total, bool roundUp)
    {
        if (!TryGetScaledValue(total, roundUp, out int value))
        {
            ThrowNotPercent(_string!);
        }

        return value;
    }

    public bool Equals(IntOrString other) => IntValue == other.IntValue && string.Equals(_string, other._string, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is IntOrString other && Equals(other);

    public override int GetHashCode() => IsString ? StringComparer.Ordinal.GetHashCode(_string) : IntValue;

    public static bool operator ==(IntOrString left, IntOrString right) => left.Equals(right);

    public static bool operator !=(IntOrString left, IntOrString right) => !left.Equals(right);

    public override string ToString() => _string ?? IntValue.ToString(CultureInfo.InvariantCulture);

    [DoesNotReturn]
    private static void ThrowNotPercent(string text) =>
        throw new FormatException(text.EndsWith('%')
            ? $"invalid value for IntOrString: invalid value \"{text}\": not an integer percentage"
            : "invalid value for IntOrString: invalid type: string is not a percentage");
}
