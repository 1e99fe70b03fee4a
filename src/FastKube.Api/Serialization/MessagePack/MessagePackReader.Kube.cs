using FastKube.Api.Resource;

namespace FastKube.Api.Serialization.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>Reads a resource quantity from its string form; a string that is no quantity is <see cref="MessagePackResult.Invalid"/>.</summary>
    public bool TryReadQuantity(out Quantity value)
    {
        int start = position;
        if (!TryReadStringBytes(out ReadOnlySpan<byte> utf8))
        {
            value = default;
            return false;
        }

        if (QuantityCache.TryParse(utf8, out value))
        {
            return true;
        }

        // Read again as text: invalid UTF-8 fails as such, anything else names the bad value.
        position = start;
        if (!TryReadString(out string text))
        {
            return false;
        }

        position = start;
        return Fail(MessagePackResult.Invalid, $"'{text}' is not a quantity");
    }

    /// <summary>Reads an IntOrString: an integer (int32 range) or a str.</summary>
    public bool TryReadIntOrString(out IntOrString value)
    {
        if (PeekType() == MessagePackType.Integer)
        {
            bool ok = TryReadInt32(out int number);
            value = new IntOrString(number);
            return ok;
        }

        if (PeekType() != MessagePackType.String)
        {
            value = default;
            return Fail(MessagePackResult.TypeMismatch, "int or str");
        }

        bool read = TryReadString(out string text);
        value = read ? new IntOrString(text) : default;
        return read;
    }
}
