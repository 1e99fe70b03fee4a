namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>Prefix masks over an address value's bits (most significant bit first, as the address is written).</summary>
internal static class NfPrefix
{
    /// <summary>The mask of the first <paramref name="prefixLength"/> of <paramref name="width"/> bits.</summary>
    public static UInt128 Mask(int width, int prefixLength)
    {
        UInt128 all = width == 128 ? UInt128.MaxValue : (UInt128.One << width) - 1;
        return prefixLength == 0 ? UInt128.Zero : all & ~((UInt128.One << (width - prefixLength)) - 1);
    }

    /// <summary>Whether <paramref name="address"/> (same family) lies in the prefix.</summary>
    public static bool Contains(NfValue network, int prefixLength, NfValue address)
    {
        int width = NfDataTypes.Width(network.Type) * 8;
        var mask = Mask(width, prefixLength);
        return network.Type == address.Type && (address.Bits & mask) == (network.Bits & mask);
    }
}
