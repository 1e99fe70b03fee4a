using System.Buffers.Binary;
using FastKube.Api.Tests.Serialization.MessagePack;

namespace FastKube.Netlink.Tests;

public sealed class NetlinkWriterTests
{
    [Fact]
    public void EndMessage_NestedAttributes_BackFillsLengthsAndPads()
    {
        using var buffer = new NetlinkBuffer();
        var writer = new NetlinkWriter(buffer);

        int message = writer.BeginMessage(0x0a00, NetlinkMessageFlags.Request | NetlinkMessageFlags.Create, 7);
        writer.WriteRaw([1, 0, 0, 0]);
        writer.WriteString(1, "fk");
        int nested = writer.BeginNested(4);
        writer.WriteU32BigEndian(1, 0);
        writer.WriteU32BigEndian(2, unchecked((uint)-100));
        writer.EndNested(nested);
        writer.WriteU8(9, 0xab);
        writer.EndMessage(message);

        // header(16) + nfgenmsg(4) + "fk\0"(4+3, padded 8) + nest(4 + 8 + 8) + u8(4+1, padded 8) = 56
        Assert.Equal(56, buffer.Length);
        Golden.Check("tests/FastKube.Netlink.Tests/testdata/nested-message.hex", Golden.ToHexLines(buffer.WrittenSpan));
        var span = buffer.WrittenSpan;
        Assert.Equal(56u, BitConverter.ToUInt32(span));
        Assert.Equal(20, BitConverter.ToUInt16(span[28..]));
        Assert.Equal(NetlinkLayout.NestedFlag | 4, BitConverter.ToUInt16(span[30..]));
        Assert.Equal(0xffffff9cu, BinaryPrimitives.ReadUInt32BigEndian(span[44..]));
    }

    [Fact]
    public void TryEndNested_ContentOver64KiB_ReturnsFalse()
    {
        using var buffer = new NetlinkBuffer();
        var writer = new NetlinkWriter(buffer);
        int nested = writer.BeginNested(3);
        var chunk = new byte[1000];
        for (int i = 0; i < 70; i++)
        {
            writer.WriteBytes(1, chunk);
        }

        Assert.False(writer.TryEndNested(nested));
    }

    [Fact]
    public void AddMessageFlags_WrittenMessage_OrsFlagsIntoHeader()
    {
        using var buffer = new NetlinkBuffer();
        var writer = new NetlinkWriter(buffer);
        int message = writer.BeginMessage(16, NetlinkMessageFlags.Request, 1);
        writer.EndMessage(message);

        writer.AddMessageFlags(message, NetlinkMessageFlags.Ack);

        Assert.Equal(NetlinkReadResult.Ok, NetlinkPrimitives.TryReadHeader(buffer.WrittenSpan, out var header));
        Assert.Equal(NetlinkMessageFlags.Request | NetlinkMessageFlags.Ack, header.Flags);
    }

    [Fact]
    public void Append_BeyondInitialCapacity_KeepsEarlierBytes()
    {
        using var buffer = new NetlinkBuffer(256);
        var writer = new NetlinkWriter(buffer);
        writer.WriteU32(1, 0xdeadbeef);
        for (int i = 0; i < 1000; i++)
        {
            writer.WriteU32(2, (uint)i);
        }

        Assert.Equal(8 * 1001, buffer.Length);
        Assert.Equal(0xdeadbeef, BitConverter.ToUInt32(buffer.WrittenSpan[4..]));
    }
}
