using System.Net;
using FastKube.Api.Tests.Serialization.MessagePack;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Netlink;

namespace FastKube.Dataplane.Kernel.Tests.NfTables.Netlink;

public sealed class NfBatchEncoderTests
{
    [Fact]
    public void Encode_TableChainRuleAndElement_MatchesGoldenBytes()
    {
        var table = new NfTableRef(NfFamily.Ip, "fk");
        var tx = new NfTransaction(table)
            .AddTable()
            .AddChain(new NfChain("svc"))
            .AddSet(new NfSet("ips", [NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService], NfDataType.Verdict))
            .AddRule(new NfRule("svc", [new NfMatch(NfSelector.TcpDport, NfValue.Port(80)), new NfNat(NfNatKind.Dnat, IPAddress.Parse("10.0.0.1"), 8080)]))
            .AddElements("ips", [new NfElement(SampleTransactions.ServiceKey(IPAddress.Parse("10.96.0.1"), NfValue.Tcp, 80), NfVerdict.Goto("svc"))]);
        using var buffer = new NetlinkBuffer();
        var encoder = new NfBatchEncoder(buffer);

        encoder.Encode(tx, 100);

        Golden.Check("tests/FastKube.Dataplane.Kernel.Tests/testdata/batch-ip-fk.hex", Golden.ToHexLines(buffer.WrittenSpan));
        Assert.Equal(100u, encoder.FirstSequence);
        Assert.Equal(106u, encoder.LastSequence);
        Assert.Equal(105u, encoder.AckSequence);
        Assert.Equal(3, encoder.OperationOf(104));
        Assert.Equal(-1, encoder.OperationOf(100));
    }

    [Fact]
    public void Encode_MessageFlags_OnlyLastObjectMessageAsksForAck()
    {
        var tx = SampleTransactions.TwoEndpointService();
        using var buffer = new NetlinkBuffer();
        var encoder = new NfBatchEncoder(buffer);

        encoder.Encode(tx, 1);

        var reader = new NetlinkMessageReader(buffer.WrittenSpan);
        var acked = new List<uint>();
        int messages = 0;
        while (reader.TryRead(out var message))
        {
            messages++;
            if ((message.Header.Flags & NetlinkMessageFlags.Ack) != 0)
            {
                acked.Add(message.Header.Sequence);
            }
        }

        Assert.Equal(NetlinkReadResult.EndOfData, reader.Status);
        Assert.Equal([encoder.AckSequence], acked);
        Assert.Equal((int)(encoder.LastSequence - encoder.FirstSequence + 1), messages);
    }

    [Fact]
    public void Encode_ThousandElements_SplitsIntoMessagesUnder64KiB()
    {
        var tx = new NfTransaction(SampleTransactions.Table);
        tx.AddElements("m", Enumerable.Range(0, 1000).Select(i => new NfElement(
            SampleTransactions.ServiceKey(new IPAddress(0x0a600000u + (uint)i), NfValue.Tcp, 80), NfVerdict.Goto(new string('c', 200)))).ToList());
        using var buffer = new NetlinkBuffer();
        var encoder = new NfBatchEncoder(buffer);

        encoder.Encode(tx, 1);

        int elementMessages = (int)(encoder.LastSequence - encoder.FirstSequence + 1) - 2;
        Assert.Equal((1000 + NfBatchEncoder.ElementsPerMessage - 1) / NfBatchEncoder.ElementsPerMessage, elementMessages);
        var reader = new NetlinkMessageReader(buffer.WrittenSpan);
        while (reader.TryRead(out var message))
        {
            Assert.True(message.Header.Length < 65_535, $"message of {message.Header.Length} bytes");
        }
    }
}
