using FastKube.Netlink;

namespace FastKube.Dataplane.Kernel.NfTables.Netlink;

public sealed partial class NetlinkNfTables
{
    public IReadOnlyList<NfTableRef> ListTables()
    {
        var tables = new List<NfTableRef>();
        DumpOrThrow(NftMsg.GetTable, NfProto.Unspec, null, null, (in NetlinkMessage message) =>
        {
            if (NetlinkAttributeReader.TryFind(Attributes(message), NftaTable.Name, out var name))
            {
                tables.Add(new NfTableRef((NfFamily)message.Payload[0], name.AsString()));
            }
        });
        return tables;
    }

    public NfTableSnapshot? Dump(NfTableRef table)
    {
        if (!ListTables().Contains(table))
        {
            return null;
        }

        var ruleCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        DumpOrThrow(NftMsg.GetRule, (byte)table.Family, table.Name, null, (in NetlinkMessage message) =>
        {
            var reader = new NetlinkAttributeReader(Attributes(message));
            string? tableName = null;
            string? chain = null;
            while (reader.TryRead(out var attribute))
            {
                switch (attribute.Type)
                {
                    case NftaRule.Table:
                        tableName = attribute.AsString();
                        break;
                    case NftaRule.Chain:
                        chain = attribute.AsString();
                        break;
                }
            }

            if (tableName == table.Name && chain is not null)
            {
                ruleCounts[chain] = ruleCounts.GetValueOrDefault(chain) + 1;
            }
        });

        var chains = new List<NfChainSnapshot>();
        DumpOrThrow(NftMsg.GetChain, (byte)table.Family, table.Name, null, (in NetlinkMessage message) =>
        {
            if (NfDumpDecoder.Chain(Attributes(message), table.Name) is { } chain)
            {
                chains.Add(new NfChainSnapshot(chain, ruleCounts.GetValueOrDefault(chain.Name)));
            }
        });

        var sets = new List<NfSet>();
        DumpOrThrow(NftMsg.GetSet, (byte)table.Family, table.Name, null, (in NetlinkMessage message) =>
        {
            if (NfDumpDecoder.Set(Attributes(message), table.Name) is { } set)
            {
                sets.Add(set);
            }
        });

        var snapshots = new List<NfSetSnapshot>(sets.Count);
        foreach (var set in sets)
        {
            var elements = new List<NfElement>();
            DumpOrThrow(NftMsg.GetSetElem, (byte)table.Family, table.Name, set.Name, (in NetlinkMessage message) =>
                NfDumpDecoder.Elements(Attributes(message), set, elements));
            snapshots.Add(new NfSetSnapshot(set, elements));
        }

        return new NfTableSnapshot(table, chains, snapshots);
    }

    private static ReadOnlySpan<byte> Attributes(in NetlinkMessage message) =>
        message.Payload.Length >= Nfnl.GenMsgSize ? message.Payload[Nfnl.GenMsgSize..] : default;

    /// <summary>
    /// One nf_tables dump. The table name (and set name for elements) goes into the request, which the kernel
    /// uses as a dump filter; decoders check the table again since older kernels ignore it for some objects.
    /// </summary>
    private void DumpOrThrow(byte message, byte family, string? table, string? set, NetlinkMessageHandler onMessage)
    {
        _buffer.Reset();
        var writer = new NetlinkWriter(_buffer);
        int start = writer.BeginMessage(Nfnl.MessageType(Nfnl.SubsystemNfTables, message), NetlinkMessageFlags.Request | NetlinkMessageFlags.Dump, _socket.NextSequence());
        writer.WriteRaw([family, 0, 0, 0]);
        if (table is not null)
        {
            // NFTA_*_TABLE is attribute 1 for rules, chains, sets and element lists alike.
            writer.WriteString(NftaSetElemList.Table, table);
        }

        if (set is not null)
        {
            writer.WriteString(NftaSetElemList.Set, set);
        }

        writer.EndMessage(start);
        if (_socket.Dump(_buffer.WrittenSpan, onMessage) is { } error)
        {
            throw new NetlinkException(error.Errno, error.Message, $"nf_tables dump (message {message}) failed: {error}");
        }
    }
}
