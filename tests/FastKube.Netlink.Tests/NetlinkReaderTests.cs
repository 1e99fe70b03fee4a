namespace FastKube.Netlink.Tests;

public sealed class NetlinkReaderTests
{
    [Fact]
    public void TryRead_TwoMessagesWithNestedAttributes_IteratesBoth()
    {
        using var buffer = new NetlinkBuffer();
        var writer = new NetlinkWriter(buffer);
        for (uint sequence = 1; sequence <= 2; sequence++)
        {
            int start = writer.BeginMessage(100, NetlinkMessageFlags.Multi, sequence);
            writer.WriteString(1, "name-" + sequence);
            int nested = writer.BeginNested(2);
            writer.WriteU16BigEndian(1, 8080);
            writer.EndNested(nested);
            writer.EndMessage(start);
        }

        var reader = new NetlinkMessageReader(buffer.WrittenSpan);
        var names = new List<string>();
        var ports = new List<ushort>();
        while (reader.TryRead(out var message))
        {
            var attributes = message.Attributes(0);
            while (attributes.TryRead(out var attribute))
            {
                if (attribute.Type == 1)
                {
                    names.Add(attribute.AsString());
                }
                else
                {
                    Assert.True(attribute.IsNested);
                    Assert.True(NetlinkAttributeReader.TryFind(attribute.Payload, 1, out var port));
                    ports.Add(port.U16BigEndian);
                }
            }
        }

        Assert.Equal(NetlinkReadResult.EndOfData, reader.Status);
        Assert.Equal(["name-1", "name-2"], names);
        Assert.Equal([(ushort)8080, (ushort)8080], ports);
    }

    [Fact]
    public void TryReadAttribute_LengthBeyondInput_IsTruncated()
    {
        byte[] attribute = [12, 0, 1, 0, 1, 2, 3, 4];

        Assert.Equal(NetlinkReadResult.Truncated, NetlinkPrimitives.TryReadAttribute(attribute, out _, out _, out _));
    }

    [Fact]
    public void TryReadAttribute_LengthBelowHeader_IsMalformed()
    {
        byte[] attribute = [2, 0, 1, 0];

        var reader = new NetlinkAttributeReader(attribute);
        Assert.False(reader.TryRead(out _));
        Assert.Equal(NetlinkReadResult.Malformed, reader.Status);
    }

    [Fact]
    public void TryReadHeader_LengthBelowHeaderSize_IsMalformed()
    {
        var bytes = new byte[16];
        bytes[0] = 8;

        Assert.Equal(NetlinkReadResult.Malformed, NetlinkPrimitives.TryReadHeader(bytes, out _));
    }
}
