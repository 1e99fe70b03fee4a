using FastKube.Api.Resource;

namespace FastKube.Api.Tests.Resource;

// Expectations are upstream's (k8s.io/apimachinery/pkg/api/resource quantity tests and documented behaviour).
public sealed class QuantityTests
{
    private const QuantityFormat SI = QuantityFormat.DecimalSI;
    private const QuantityFormat Bin = QuantityFormat.BinarySI;
    private const QuantityFormat Exp = QuantityFormat.DecimalExponent;

    public static TheoryData<string, long, int, QuantityFormat> ParseCases => new()
    {
        { "0", 0, 0, SI },
        { "0n", 0, 0, SI },
        { "0m", 0, 0, SI },
        { "0Ki", 0, 0, Bin },
        { "0Gi", 0, 0, Bin },
        { "0T", 0, 0, SI },
        { "1", 1, 0, SI },
        { "1Ki", 1024, 0, Bin },
        { "7Mi", 7L * 1024 * 1024, 0, Bin },
        { "5Ti", 5L * 1024 * 1024 * 1024 * 1024, 0, Bin },
        { "3Ei", 3L * 1024 * 1024 * 1024 * 1024 * 1024 * 1024, 0, Bin },
        { "5n", 5, -9, SI },
        { "4u", 4, -6, SI },
        { "3m", 3, -3, SI },
        { "8k", 8, 3, SI },
        { "50k", 5, 4, SI },
        { "300T", 3, 14, SI },
        { "1E", 1, 18, SI },
        { "1E-3", 1, -3, Exp },
        { "1e3", 1, 3, Exp },
        { "1E18", 1, 18, Exp },
        { "100.035k", 100035, 0, SI },
        { "0.001", 1, -3, SI },
        { "0.0005k", 5, -1, SI },
        { "0.50000", 5, -1, SI },
        { "0.5e-2", 5, -3, Exp },
        { "1.3E+6", 13, 5, Exp },
        { "1.7E18", 17, 17, Exp },
        { "6.987654321G", 6987654321, 0, SI },
        { "1.01E", 101, 16, SI },
        { "3.001n", 4, -9, SI },
        { "1.1E-9", 2, -9, Exp },
        { "0.0000000001", 1, -9, SI },
        { "0.5e-9", 1, -9, Exp },
        { "0.9n", 1, -9, SI },
        { "0.00000012345", 124, -9, SI },
        { "9Ei", long.MaxValue, 0, Bin },
        { "9223372036854775807Ki", long.MaxValue, 0, Bin },
        { "12E", 12, 18, SI },
        { "100.035Ki", 10243584, -2, Bin },
        { "0.5Mi", 512 * 1024, 0, Bin },
        { "0.05Gi", 536870912, -1, Bin },
        { "0.000000000001Ki", 2, -9, SI },
        { ".001", 1, -3, SI },
        { ".0001k", 100, -3, SI },
        { "1.", 1, 0, SI },
        { "1.G", 1, 9, SI },
        { "+1.5", 15, -1, SI },
        { "-1.5", -15, -1, SI },
        { "-9Ei", -long.MaxValue, 0, Bin },
        { "1e-100", 1, -9, Exp },
        { ".", 0, 0, SI },
        { "-", 0, 0, SI },
    };

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void TryParse_UpstreamTable_GivesValueAndFormat(string input, long mantissa, int exponent, QuantityFormat format)
    {
        Assert.True(Quantity.TryParse(input, out Quantity quantity));

        Assert.Equal(Scaled(mantissa, exponent), quantity.Amount);
        Assert.Equal(format, quantity.Format);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.1.M")]
    [InlineData("1+1.0M")]
    [InlineData("0.1mi")]
    [InlineData("0.1am")]
    [InlineData("aoeu")]
    [InlineData(".5i")]
    [InlineData("1i")]
    [InlineData("-3.01i")]
    [InlineData("-3.01e-")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1K")]
    [InlineData("1ki")]
    [InlineData("1e")]
    [InlineData("1Mb")]
    [InlineData("1kM")]
    [InlineData("1e99999999999")]
    [InlineData("1e40")]
    public void TryParse_Invalid_ReturnsFalse(string input)
    {
        Assert.False(Quantity.TryParse(input, out _));
        Assert.Throws<FormatException>(() => Quantity.Parse(input));
    }

    [Theory]
    // TestQuantityString: alternate spellings and their canonical form.
    [InlineData("1024Mi", "1Gi")]
    [InlineData("307200Ki", "300Mi")]
    [InlineData("6Ki", "6Ki")]
    [InlineData("1025024Mi", "1001Gi")]
    [InlineData("1024Gi", "1Ti")]
    [InlineData("1000M", "1G")]
    [InlineData("0.001T", "1G")]
    [InlineData("1000000k", "1G")]
    [InlineData("1000000000", "1G")]
    [InlineData("1000u", "1m")]
    [InlineData("80m", "80m")]
    [InlineData("1.08", "1080m")]
    [InlineData("1080000000n", "1080m")]
    [InlineData("300M", "300M")]
    [InlineData("1234567M", "1234567M")]
    [InlineData("3k", "3k")]
    [InlineData(".001e12", "1e9")]
    [InlineData("0.001e0", "1e-3")]
    [InlineData("1000e-12", "1e-9")]
    [InlineData("80e-3", "80e-3")]
    [InlineData("300e6", "300e6")]
    [InlineData("1e3", "1e3")]
    [InlineData("3e3", "3e3")]
    [InlineData("00", "0")]
    [InlineData("1080n", "1080n")]
    [InlineData("1080u", "1080u")]
    // TestQuantityParseEmit.
    [InlineData("1Ki", "1Ki")]
    [InlineData(".001Ki", "1024m")]
    [InlineData(".000001Ki", "1024u")]
    [InlineData(".000000001Ki", "1024n")]
    [InlineData(".000000000001Ki", "2n")]
    // Documented examples and the brief.
    [InlineData("100m", "100m")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.9Gi", "966367641600m")]
    [InlineData("0.30000000000000004", "300000001n")]
    [InlineData("1000m", "1")]
    [InlineData("0.1m", "100u")]
    [InlineData("1023Ki", "1023Ki")]
    [InlineData("1023", "1023")]
    [InlineData("1025", "1025")]
    [InlineData("9Ei", "9223372036854775807")]
    [InlineData("-1.5Gi", "-1536Mi")]
    [InlineData("-0", "0")]
    [InlineData("1.5e3", "1500")]
    [InlineData("12E", "12E")]
    [InlineData("1000E", "1000E")]
    [InlineData("1e21", "1e21")]
    public void ToString_Input_IsUpstreamCanonicalForm(string input, string expected)
    {
        Assert.Equal(expected, Quantity.Parse(input).ToString());
    }

    [Theory]
    [InlineData("1024Mi", "-1Gi")]
    [InlineData("1.08", "-1080m")]
    [InlineData(".000000000001Ki", "-2n")]
    [InlineData("1e3", "-1e3")]
    [InlineData("0", "0")]
    public void ToString_NegatedInput_IsNegatedCanonicalForm(string input, string expected)
    {
        Assert.Equal(expected, Quantity.Parse("-" + input).ToString());
    }

    [Theory]
    [InlineData("9.01", -3, "9010m", true)]
    [InlineData("9.01", -2, "9010m", true)]
    [InlineData("9.01", -1, "9100m", false)]
    [InlineData("9.01", 0, "10", false)]
    [InlineData("9.01", 1, "10", false)]
    [InlineData("9.01", 2, "100", false)]
    [InlineData("-9.01", -1, "-9100m", false)]
    [InlineData("-9.01", 2, "-100", false)]
    [InlineData("0.1m", -3, "1m", false)]
    [InlineData("0.30000000000000004", -3, "301m", false)]
    [InlineData("1.5Gi", -3, "1536Mi", true)]
    public void RoundUp_Scale_RoundsAwayFromZero(string input, int scale, string expected, bool expectedExact)
    {
        Quantity rounded = Quantity.Parse(input).RoundUp(scale, out bool exact);

        Assert.Equal(expected, rounded.ToString());
        Assert.Equal(expectedExact, exact);
    }

    [Theory]
    [InlineData(1, SI, "1m")]
    [InlineData(1000, SI, "1")]
    [InlineData(1234000, SI, "1234")]
    [InlineData(1024, Bin, "1024m")]
    [InlineData(1024 * 1024, Bin, "1048576m")]
    public void FromMilli_Value_FormatsAsUpstream(long milli, QuantityFormat format, string expected)
    {
        Quantity quantity = Quantity.FromMilli(milli, format);

        Assert.Equal(expected, quantity.ToString());
        Assert.Equal(milli, quantity.MilliValue());
    }

    [Theory]
    [InlineData(1, SI, "1")]
    [InlineData(1000, SI, "1k")]
    [InlineData(1234000, SI, "1234k")]
    [InlineData(1024, Bin, "1Ki")]
    [InlineData(1000000, Exp, "1e6")]
    [InlineData(1024 * 1024, Bin, "1Mi")]
    public void FromValue_Value_FormatsAsUpstream(long value, QuantityFormat format, string expected)
    {
        Quantity quantity = Quantity.FromValue(value, format);

        Assert.Equal(expected, quantity.ToString());
        Assert.Equal(value, Quantity.Parse(expected).Value());
    }

    [Theory]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("1000m", "1", 0)]
    [InlineData("1k", "1e3", 0)]
    [InlineData("1Ki", "1k", 1)]
    [InlineData("999m", "1", -1)]
    [InlineData("-1", "0", -1)]
    [InlineData("0.5Gi", "512Mi", 0)]
    [InlineData("1n", "0", 1)]
    public void CompareTo_Pairs_OrdersByValue(string left, string right, int expected)
    {
        Quantity a = Quantity.Parse(left);
        Quantity b = Quantity.Parse(right);

        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-expected, Math.Sign(b.CompareTo(a)));
        Assert.Equal(expected == 0, a == b);
        Assert.Equal(expected == 0, a.Equals(b));
        Assert.Equal(expected > 0, a > b);
        if (expected == 0)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Theory]
    [InlineData("100m", 1, 100)]
    [InlineData("1", 1, 1000)]
    [InlineData("0.1m", 1, 1)]
    [InlineData("1.5", 2, 1500)]
    [InlineData("2Gi", 2147483648, 2147483648000)]
    [InlineData("-1.5", -2, -1500)]
    [InlineData("-0.1m", -1, -1)]
    [InlineData("9.01", 10, 9010)]
    public void ValueAndMilliValue_RoundUpAwayFromZero(string input, long value, long milli)
    {
        Quantity quantity = Quantity.Parse(input);

        Assert.Equal(value, quantity.Value());
        Assert.Equal(milli, quantity.MilliValue());
    }

    [Fact]
    public void MilliValue_BeyondInt64_Saturates()
    {
        Assert.Equal(long.MaxValue, Quantity.Parse("1Ei").MilliValue());
        Assert.Equal(long.MinValue, Quantity.Parse("-1Ei").MilliValue());
    }

    [Fact]
    public void AddAndSub_MixedFormats_KeepLeftFormatUnlessZero()
    {
        Assert.Equal("20", (Quantity.Parse("10") + Quantity.Parse("1e1")).ToString());
        Assert.Equal(QuantityFormat.DecimalSI, (Quantity.Parse("10") + Quantity.Parse("1Ki")).Format);
        Quantity binary = Quantity.Parse("1Gi") + Quantity.Parse("512Mi");
        Assert.Equal("1536Mi", binary.ToString());
        Assert.Equal(QuantityFormat.BinarySI, (Quantity.Zero + Quantity.Parse("1Mi")).Format);
        Assert.Equal("-50", (Quantity.Zero - Quantity.Parse("50")).ToString());
        Assert.Equal("900m", (Quantity.Parse("1") - Quantity.Parse("100m")).ToString());
        Assert.Equal("-9010m", Quantity.Parse("9.01").Negate().ToString());
    }

    [Fact]
    public void Default_IsZeroDecimalSI()
    {
        Quantity zero = default;

        Assert.True(zero.IsZero);
        Assert.Equal("0", zero.ToString());
        Assert.Equal(0, zero.Value());
        Assert.Equal(QuantityFormat.DecimalSI, zero.Format);
    }

    [Fact]
    public void Constructor_SubNanoValue_RoundsUpToOneNano()
    {
        Assert.Equal("1n", new Quantity(0.0000000001m).ToString());
        Assert.Equal("-1n", new Quantity(-0.0000000001m).ToString());
        Assert.Equal("2n", new Quantity(0.0000000011m).ToString());
    }

    [Fact]
    public void ToStringThenParse_GeneratedQuantities_KeepValueAndCanonicalForm()
    {
        // Like upstream's JSON fuzz test: binary values (whole, or n<<10k), decimal values with small scales.
        var random = new Random(20240102);
        for (int i = 0; i < 5000; i++)
        {
            Quantity quantity = (i % 3) switch
            {
                0 => new Quantity(random.Next(2) == 0 ? random.NextInt64() : (long)random.Next(1024) << (10 * random.Next(5)), Bin),
                1 => new Quantity(random.NextInt64() / Scaled(1, random.Next(4)), random.Next(2) == 0 ? SI : Exp),
                _ => new Quantity(random.Next(1000) * Scaled(1, 3 - random.Next(15)), random.Next(2) == 0 ? SI : Exp),
            };
            if (random.Next(4) == 0)
            {
                quantity = quantity.Negate();
            }

            string text = quantity.ToString();
            Quantity parsed = Quantity.Parse(text);

            Assert.True(quantity == parsed, $"{text}: {quantity.Amount} != {parsed.Amount}");
            // A binary value that is no multiple of 1024 prints bare and reads back as decimal SI (as upstream),
            // so idempotence holds from the first parse on.
            Assert.Equal(parsed.ToString(), Quantity.Parse(parsed.ToString()).ToString());
        }
    }

    [Fact]
    public void TryFormat_Utf8AndChars_WriteCanonicalForm()
    {
        Quantity quantity = Quantity.Parse("1.5Gi");
        Span<byte> bytes = stackalloc byte[16];
        Span<char> chars = stackalloc char[6];

        Assert.True(quantity.TryFormat(bytes, out int byteCount));
        Assert.Equal("1536Mi"u8.ToArray(), bytes[..byteCount].ToArray());
        Assert.True(quantity.TryFormat(chars, out int charCount));
        Assert.Equal("1536Mi", new string(chars[..charCount]));
        Assert.False(quantity.TryFormat(chars[..5], out charCount));
        Assert.Equal(0, charCount);
        Assert.False(quantity.TryFormat(bytes[..3], out byteCount));
    }

    [Fact]
    public void TryParse_Utf8_MatchesCharParsing()
    {
        Assert.True(Quantity.TryParse("250m"u8, out Quantity quantity));
        Assert.Equal(250, quantity.MilliValue());
        Assert.False(Quantity.TryParse("1µ"u8, out _));
        Assert.False(Quantity.TryParse(new byte[200], out _));
    }

    private static decimal Scaled(long mantissa, int exponent)
    {
        decimal value = mantissa;
        for (; exponent > 0; exponent--)
        {
            value *= 10;
        }

        for (; exponent < 0; exponent++)
        {
            value /= 10;
        }

        return value;
    }
}
