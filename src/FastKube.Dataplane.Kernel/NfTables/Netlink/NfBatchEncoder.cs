using System.Buffers.Binary;
using FastKube.Netlink;

namespace FastKube.Dataplane.Kernel.NfTables.Netlink;

/// <summary>
/// Lowers a <see cref="NfTransaction"/> to one nfnetlink batch: BATCH_BEGIN, one or more messages per
/// operation, BATCH_END. Only the last object message asks for an ack; the kernel reports every failing
/// message by itself, and the ack of the last one tells the reader the batch is fully answered.
/// <see cref="OperationOf"/> maps a reply's sequence number back to the operation that caused it.
/// </summary>
internal sealed class NfBatchEncoder
{
    /// <summary>
    /// Elements per NEWSETELEM/DELSETELEM message. NFTA_SET_ELEM_LIST_ELEMENTS is one attribute and its
    /// nla_len is 16 bits: the largest element written here (64-byte key, verdict with a 255-byte chain
    /// name, timeout: about 370 bytes) times 128 is 47 KiB, under 64 KiB.
    /// </summary>
    internal const int ElementsPerMessage = 128;

    private readonly NetlinkBuffer _buffer;
    private readonly List<int> _operationBySequence = [];
    private uint _firstSequence;
    private uint _nextSetId = 1;

    public NfBatchEncoder(NetlinkBuffer buffer)
    {
        _buffer = buffer;
    }

    public uint FirstSequence => _firstSequence;

    public uint LastSequence { get; private set; }

    /// <summary>Sequence of the message that asks for the ack (the last object message).</summary>
    public uint AckSequence { get; private set; }

    private NetlinkWriter W => new(_buffer);

    public void Encode(NfTransaction transaction, uint firstSequence)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        _buffer.Reset();
        _operationBySequence.Clear();
        _firstSequence = firstSequence;
        LastSequence = firstSequence - 1;

        BatchMarker(Nfnl.BatchBegin, -1);
        int ackMessageStart = -1;
        var operations = transaction.Operations;
        for (int i = 0; i < operations.Count; i++)
        {
            ackMessageStart = Operation(transaction.Table, operations[i], i);
        }

        if (ackMessageStart >= 0)
        {
            W.AddMessageFlags(ackMessageStart, NetlinkMessageFlags.Ack);
            AckSequence = LastSequence;
        }

        BatchMarker(Nfnl.BatchEnd, -1);
        if (ackMessageStart < 0)
        {
            AckSequence = LastSequence;
        }
    }

    /// <summary>The index of the operation a reply with <paramref name="sequence"/> answers; -1 for the batch markers.</summary>
    public int OperationOf(uint sequence)
    {
        uint offset = sequence - _firstSequence;
        return offset < (uint)_operationBySequence.Count ? _operationBySequence[(int)offset] : -1;
    }

    /// <summary>Writes the messages of one operation and returns the start of the last one.</summary>
    private int Operation(NfTableRef table, NfOperation operation, int index)
    {
        switch (operation)
        {
            case NfTableOperation { Verb: NfVerb.Add or NfVerb.Create } op:
            {
                int start = Begin(NftMsg.NewTable, CreateFlags(op.Verb), table.Family, index);
                W.WriteString(NftaTable.Name, table.Name);
                W.WriteU32BigEndian(NftaTable.Flags, 0);
                return End(start);
            }

            case NfTableOperation { Verb: NfVerb.Delete }:
            {
                int start = Begin(NftMsg.DelTable, 0, table.Family, index);
                W.WriteString(NftaTable.Name, table.Name);
                return End(start);
            }

            case NfTableOperation:
            {
                // Flushing a table deletes the rules of all its chains: DELRULE naming only the table.
                int start = Begin(NftMsg.DelRule, 0, table.Family, index);
                W.WriteString(NftaRule.Table, table.Name);
                return End(start);
            }

            case NfChainOperation op:
                return Chain(table, op, index);
            case NfSetOperation op:
                return Set(table, op, index);
            case NfRuleOperation op:
                return Rule(table, op.Rule, index);
            case NfElementsOperation op:
                return Elements(table, op, index);
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation");
        }
    }

    private int Chain(NfTableRef table, NfChainOperation op, int index)
    {
        int start;
        switch (op.Verb)
        {
            case NfVerb.Delete:
                start = Begin(NftMsg.DelChain, 0, table.Family, index);
                W.WriteString(NftaChain.Table, table.Name);
                W.WriteString(NftaChain.Name, op.Chain.Name);
                return End(start);
            case NfVerb.Flush:
                start = Begin(NftMsg.DelRule, 0, table.Family, index);
                W.WriteString(NftaRule.Table, table.Name);
                W.WriteString(NftaRule.Chain, op.Chain.Name);
                return End(start);
        }

        start = Begin(NftMsg.NewChain, CreateFlags(op.Verb), table.Family, index);
        W.WriteString(NftaChain.Table, table.Name);
        W.WriteString(NftaChain.Name, op.Chain.Name);
        if (op.Chain.Base is { } hook)
        {
            int nested = W.BeginNested(NftaChain.Hook);
            W.WriteU32BigEndian(NftaHook.HookNum, (uint)hook.Hook);
            W.WriteU32BigEndian(NftaHook.Priority, unchecked((uint)hook.Priority));
            W.EndNested(nested);
            W.WriteU32BigEndian(NftaChain.Policy, (uint)hook.Policy);
            W.WriteString(NftaChain.Type, NfNames.Of(hook.Type));
        }

        return End(start);
    }

    private int Set(NfTableRef table, NfSetOperation op, int index)
    {
        int start;
        switch (op.Verb)
        {
            case NfVerb.Delete:
                start = Begin(NftMsg.DelSet, 0, table.Family, index);
                W.WriteString(NftaSet.Table, table.Name);
                W.WriteString(NftaSet.Name, op.Set.Name);
                return End(start);
            case NfVerb.Flush:
                start = Begin(NftMsg.DelSetElem, 0, table.Family, index);
                W.WriteString(NftaSetElemList.Table, table.Name);
                W.WriteString(NftaSetElemList.Set, op.Set.Name);
                return End(start);
        }

        var set = op.Set;
        uint flags = (set.IsMap ? NftSetFlags.Map : 0) | (set.Timeouts ? NftSetFlags.Timeout : 0) | (set.Dynamic ? NftSetFlags.Eval : 0);
        start = Begin(NftMsg.NewSet, CreateFlags(op.Verb), table.Family, index);
        W.WriteString(NftaSet.Table, table.Name);
        W.WriteString(NftaSet.Name, set.Name);
        W.WriteU32BigEndian(NftaSet.Flags, flags);
        W.WriteU32BigEndian(NftaSet.KeyType, NfDataTypes.ConcatId(set.Key));
        W.WriteU32BigEndian(NftaSet.KeyLen, (uint)set.KeyLength);
        if (set.Data == NfDataType.Verdict)
        {
            W.WriteU32BigEndian(NftaSet.DataType, NftDataType.Verdict);
            W.WriteU32BigEndian(NftaSet.DataLen, 0);
        }
        else if (set.Data is not null)
        {
            W.WriteU32BigEndian(NftaSet.DataType, NfDataTypes.ConcatId(set.DataFields));
            W.WriteU32BigEndian(NftaSet.DataLen, (uint)set.DataLength);
        }

        if (set.DefaultTimeout is { } timeout)
        {
            W.WriteU64BigEndian(NftaSet.Timeout, (ulong)timeout.TotalMilliseconds);
        }

        W.WriteU32BigEndian(NftaSet.Id, _nextSetId++);
        if (set.DataHasPort)
        {
            W.WriteBytes(NftaSet.UserData, set.Data == NfDataType.Ipv6Addr ? NumgenToIp6PortTypeof : NumgenToIpPortTypeof);
        }

        // nft declares a size for dynamic sets. A concatenated key needs no NFTA_SET_DESC_CONCAT unless the set
        // is an interval set, and the kernel refuses field lengths without NFT_SET_CONCAT (EINVAL), so none is sent.
        if (set.Dynamic)
        {
            int desc = W.BeginNested(NftaSet.Desc);
            W.WriteU32BigEndian(NftaSetDesc.Size, NfSet.DynamicSize);
            W.EndNested(desc);
        }

        return End(start);
    }

    private int Elements(NfTableRef table, NfElementsOperation op, int index)
    {
        int last = -1;
        var elements = op.Elements;
        for (int offset = 0; offset < elements.Count; offset += ElementsPerMessage)
        {
            int count = Math.Min(ElementsPerMessage, elements.Count - offset);
            bool delete = op.Verb == NfVerb.Delete;
            int start = Begin(delete ? NftMsg.DelSetElem : NftMsg.NewSetElem, delete ? (ushort)0 : CreateFlags(op.Verb), table.Family, index);
            W.WriteString(NftaSetElemList.Table, table.Name);
            W.WriteString(NftaSetElemList.Set, op.Set);
            int list = W.BeginNested(NftaSetElemList.Elements);
            for (int i = offset; i < offset + count; i++)
            {
                Element(elements[i], keyOnly: delete);
            }

            W.EndNested(list);
            last = End(start);
        }

        return last;
    }

    private void Element(NfElement element, bool keyOnly)
    {
        int item = W.BeginNested(NftaList.Elem);
        Span<byte> key = stackalloc byte[64];
        int length = element.Key.Length;
        element.Key.WriteTo(key);
        int keyNest = W.BeginNested(NftaSetElem.Key);
        W.WriteBytes(NftaData.Value, key[..length]);
        W.EndNested(keyNest);
        if (!keyOnly && element.Verdict is { } verdict)
        {
            int data = W.BeginNested(NftaSetElem.Data);
            WriteVerdict(verdict);
            W.EndNested(data);
        }

        if (!keyOnly && element.Data is { } value)
        {
            int data = W.BeginNested(NftaSetElem.Data);
            Span<byte> bytes = stackalloc byte[64];
            value.WriteTo(bytes);
            W.WriteBytes(NftaData.Value, bytes[..value.Length]);
            W.EndNested(data);
        }

        if (!keyOnly && element.Timeout is { } timeout)
        {
            W.WriteU64BigEndian(NftaSetElem.Timeout, (ulong)timeout.TotalMilliseconds);
        }

        W.EndNested(item);
    }

    /// <summary>NFTA_DATA_VERDICT { NFTA_VERDICT_CODE, NFTA_VERDICT_CHAIN }, the data of a verdict element or immediate.</summary>
    internal void WriteVerdict(NfVerdict verdict)
    {
        int nest = W.BeginNested(NftaData.Verdict);
        W.WriteU32BigEndian(NftaVerdict.Code, unchecked((uint)VerdictCode(verdict.Kind)));
        if (verdict.Chain is { } chain)
        {
            W.WriteString(NftaVerdict.Chain, chain);
        }

        W.EndNested(nest);
    }

    internal static int VerdictCode(NfVerdictKind kind) => kind switch
    {
        NfVerdictKind.Accept => NftVerdictCode.Accept,
        NfVerdictKind.Drop => NftVerdictCode.Drop,
        NfVerdictKind.Return => NftVerdictCode.Return,
        NfVerdictKind.Jump => NftVerdictCode.Jump,
        NfVerdictKind.Goto => NftVerdictCode.Goto,
        _ => NftVerdictCode.Continue,
    };

    private int Rule(NfTableRef table, NfRule rule, int index)
    {
        // A numgen vmap's anonymous map goes into the batch right before the rule that binds it.
        var anonymousIds = new List<uint>();
        foreach (var statement in rule.Statements)
        {
            if (statement is NfNumgenVerdictMap numgen)
            {
                anonymousIds.Add(AnonymousMap(table, numgen, index));
            }
        }

        int start = Begin(NftMsg.NewRule, NetlinkMessageFlags.Create | NetlinkMessageFlags.Append, table.Family, index);
        W.WriteString(NftaRule.Table, table.Name);
        W.WriteString(NftaRule.Chain, rule.Chain);
        int expressions = W.BeginNested(NftaRule.Expressions);
        new NfRuleEncoder(this, _buffer, table.Family, anonymousIds).Encode(rule.Statements);
        W.EndNested(expressions);
        if (rule.Comment is { } comment)
        {
            W.WriteBytes(NftaRule.UserData, CommentUserData(comment));
        }

        return End(start);
    }

    /// <summary>NFTNL_UDATA_RULE_COMMENT TLV: type, length (NUL included), NUL-terminated text.</summary>
    internal static byte[] CommentUserData(string comment)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(comment);
        int length = Math.Min(text.Length, 254);
        var tlv = new byte[length + 3];
        tlv[0] = NftUserData.RuleComment;
        tlv[1] = (byte)(length + 1);
        text.AsSpan(0, length).CopyTo(tlv.AsSpan(2));
        return tlv;
    }

    private uint AnonymousMap(NfTableRef table, NfNumgenVerdictMap numgen, int index)
    {
        uint id = _nextSetId++;
        int start = Begin(NftMsg.NewSet, NetlinkMessageFlags.Create, table.Family, index);
        W.WriteString(NftaSet.Table, table.Name);
        W.WriteString(NftaSet.Name, AnonymousMapName);
        W.WriteU32BigEndian(NftaSet.Flags, NftSetFlags.Anonymous | NftSetFlags.Constant | NftSetFlags.Map);
        W.WriteU32BigEndian(NftaSet.KeyType, (uint)NfDataType.Integer);
        W.WriteU32BigEndian(NftaSet.KeyLen, 4);
        W.WriteU32BigEndian(NftaSet.DataType, NftDataType.Verdict);
        W.WriteU32BigEndian(NftaSet.DataLen, 0);
        W.WriteU32BigEndian(NftaSet.Id, id);
        W.WriteBytes(NftaSet.UserData, HostByteOrderKey);
        int desc = W.BeginNested(NftaSet.Desc);
        W.WriteU32BigEndian(NftaSetDesc.Size, (uint)numgen.Targets.Count);
        W.EndNested(desc);
        End(start);

        for (int offset = 0; offset < numgen.Targets.Count; offset += ElementsPerMessage)
        {
            start = Begin(NftMsg.NewSetElem, NetlinkMessageFlags.Create, table.Family, index);
            W.WriteString(NftaSetElemList.Table, table.Name);
            W.WriteString(NftaSetElemList.Set, AnonymousMapName);
            W.WriteU32BigEndian(NftaSetElemList.SetId, id);
            int list = W.BeginNested(NftaSetElemList.Elements);
            for (int i = offset; i < Math.Min(numgen.Targets.Count, offset + ElementsPerMessage); i++)
            {
                Element(new NfElement(new NfKey(NfValue.Integer((uint)i)), numgen.Targets[i]), keyOnly: false);
            }

            W.EndNested(list);
            End(start);
        }

        return id;
    }

    /// <summary>
    /// Set userdata NFTNL_UDATA_SET_KEYBYTEORDER = BYTEORDER_HOST_ENDIAN (TLV: type, length, u32). The kernel
    /// ignores it; nft reads it to print numgen's host-endian keys as 0, 1, 2 rather than 16777216.
    /// </summary>
    private static readonly byte[] HostByteOrderKey = [0, 4, 1, 0, 0, 0];

    /// <summary>
    /// The set userdata nft 1.0.6 writes for <c>typeof numgen random mod 1 : ip daddr . tcp dport</c> (captured
    /// from <c>nft -f</c> with strace): TLVs of type, length, value — key byte order host (0), data byte order
    /// (1), the key's typeof (3: expression 23 numgen with type random, modulus 1, offset 0), the data's typeof (4:
    /// expression 13 concat of two payload (7) fields, ip daddr and tcp dport) and data interval off (6). The
    /// kernel stores it untouched; nft needs it to print and parse the map's declaration.
    /// </summary>
    private static readonly byte[] NumgenToIpPortTypeof = NumgenTypeof(0x0c, 0x0c);

    /// <summary>The same for <c>ip6 daddr</c> (payload protocol 13, field 9).</summary>
    private static readonly byte[] NumgenToIp6PortTypeof = NumgenTypeof(0x0d, 0x09);

    private static byte[] NumgenTypeof(byte addressProtocol, byte addressField) =>
    [
        0x00, 0x04, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x00, 0x00, 0x00, 0x00,
        0x03, 0x1a, 0x00, 0x04, 0x17, 0x00, 0x00, 0x00,
        0x01, 0x12, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x00, 0x00, 0x00, 0x02, 0x04, 0x00, 0x00, 0x00, 0x00,
        0x04, 0x34, 0x00, 0x04, 0x0d, 0x00, 0x00, 0x00, 0x01, 0x2c,
        0x00, 0x14, 0x00, 0x04, 0x07, 0x00, 0x00, 0x00, 0x01, 0x0c, 0x00, 0x04, addressProtocol, 0x00, 0x00, 0x00, 0x01, 0x04, addressField, 0x00, 0x00, 0x00,
        0x01, 0x14, 0x00, 0x04, 0x07, 0x00, 0x00, 0x00, 0x01, 0x0c, 0x00, 0x04, 0x08, 0x00, 0x00, 0x00, 0x01, 0x04, 0x02, 0x00, 0x00, 0x00,
        0x06, 0x04, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>The kernel replaces %d with a free number (nf_tables_set_alloc_name), as for nft's anonymous maps.</summary>
    internal const string AnonymousMapName = "__map%d";

    private static ushort CreateFlags(NfVerb verb) =>
        verb == NfVerb.Create ? (ushort)(NetlinkMessageFlags.Create | NetlinkMessageFlags.Exclusive) : NetlinkMessageFlags.Create;

    private int Begin(byte message, ushort flags, NfFamily family, int operation)
    {
        uint sequence = ++LastSequence;
        _operationBySequence.Add(operation);
        int start = W.BeginMessage(Nfnl.MessageType(Nfnl.SubsystemNfTables, message), (ushort)(NetlinkMessageFlags.Request | flags), sequence);
        W.WriteRaw([(byte)family, 0, 0, 0]);
        return start;
    }

    private int End(int start)
    {
        W.EndMessage(start);
        return start;
    }

    private void BatchMarker(ushort type, int operation)
    {
        uint sequence = ++LastSequence;
        _operationBySequence.Add(operation);
        int start = W.BeginMessage(type, NetlinkMessageFlags.Request, sequence);
        Span<byte> genmsg = stackalloc byte[Nfnl.GenMsgSize];
        genmsg[0] = NfProto.Unspec;
        BinaryPrimitives.WriteUInt16BigEndian(genmsg[2..], Nfnl.SubsystemNfTables);
        W.WriteRaw(genmsg);
        W.EndMessage(start);
    }
}
