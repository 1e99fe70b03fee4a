namespace FastKube.Api.Resource;

/// <summary>The notation family a <see cref="Quantity"/> was written in; its canonical string keeps it.</summary>
public enum QuantityFormat : byte
{
    /// <summary>Decimal SI suffixes: n u m "" k M G T P E (the default).</summary>
    DecimalSI,

    /// <summary>Binary suffixes: Ki Mi Gi Ti Pi Ei.</summary>
    BinarySI,

    /// <summary>A decimal exponent: 1e3, 5E-6.</summary>
    DecimalExponent,
}
