using FastKube.Api.Resource;

namespace FastKube.Api.Serialization.MessagePack;

public ref partial struct MessagePackWriter
{
    /// <summary>Writes a resource quantity as its canonical string ("250m", "512Mi").</summary>
    public void WriteQuantity(Quantity value) => WriteString(QuantityCache.ToText(value));

    /// <summary>Writes an IntOrString as an integer or a str, whichever it holds.</summary>
    public void WriteIntOrString(IntOrString value)
    {
        if (value.IsString)
        {
            WriteString(value.StringValue);
        }
        else
        {
            WriteInt64(value.IntValue);
        }
    }
}
