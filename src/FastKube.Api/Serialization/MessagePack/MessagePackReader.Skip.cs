namespace FastKube.Api.Serialization.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>Skips one complete value (unknown keys of a newer server), enforcing the same limits as a read.</summary>
    public bool TrySkip()
    {
        if (End)
        {
            return Fail(MessagePackResult.EndOfData, "value");
        }

        byte code = buffer[position];
        switch (MessagePackPrimitives.GetType(code))
        {
            case MessagePackType.Map:
                return TrySkipContainer(isMap: true);
            case MessagePackType.Array:
                return TrySkipContainer(isMap: false);
            case MessagePackType.String:
                // Skipped text is never used, so it is bounded but not UTF-8 validated (framing walks whole objects).
                return TryReadStringBytes(out _);
            case MessagePackType.Binary:
                return TrySkipSized(MessagePackPrimitives.TryReadBinaryHeader(Rest, out uint binaryLength, out int binaryHeader), binaryLength, binaryHeader, limits.MaxBinaryBytes, "bin");
            case MessagePackType.Extension:
                return TrySkipSized(MessagePackPrimitives.TryReadExtensionHeader(Rest, out _, out uint extensionLength, out int extensionHeader), extensionLength, extensionHeader, limits.MaxBinaryBytes, "ext");
            case MessagePackType.Unknown:
                return Fail(MessagePackResult.Invalid, "format byte 0xc1 is never used");
            default:
                int size = code switch
                {
                    MessagePackCode.UInt8 or MessagePackCode.Int8 => 2,
                    MessagePackCode.UInt16 or MessagePackCode.Int16 => 3,
                    MessagePackCode.UInt32 or MessagePackCode.Int32 or MessagePackCode.Float32 => 5,
                    MessagePackCode.UInt64 or MessagePackCode.Int64 or MessagePackCode.Float64 => 9,
                    _ => 1,
                };
                if (Remaining < size)
                {
                    return Fail(MessagePackResult.EndOfData, "number");
                }

                position += size;
                return true;
        }
    }

    private bool TrySkipContainer(bool isMap)
    {
        int count;
        if (isMap ? !TryBeginMap(out count) : !TryBeginArray(out count))
        {
            return false;
        }

        int values = isMap ? count * 2 : count;
        for (int i = 0; i < values; i++)
        {
            if (!TrySkip())
            {
                return false;
            }
        }

        EndContainer();
        return true;
    }

    private bool TrySkipSized(MessagePackResult header, uint length, int headerSize, int limit, string what)
    {
        if (header != MessagePackResult.Ok)
        {
            return Fail(header, what);
        }

        if (length > (uint)limit)
        {
            return Fail(MessagePackResult.LimitExceeded, $"{what} of {length} bytes exceeds the limit of {limit}");
        }

        if (length > (uint)(Remaining - headerSize))
        {
            return Fail(MessagePackResult.EndOfData, $"{what} of {length} bytes runs past the end of the input");
        }

        position += headerSize + (int)length;
        return true;
    }
}
