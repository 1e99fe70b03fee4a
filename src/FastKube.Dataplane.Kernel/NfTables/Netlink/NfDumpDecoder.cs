using FastKube.Netlink;

namespace FastKube.Dataplane.Kernel.NfTables.Netlink;

/// <summary>Decodes nf_tables dump replies (chains, sets, set elements) back into the model.</summary>
internal static class NfDumpDecoder
{
    public static NfChain? Chain(ReadOnlySpan<byte> attributes, string table)
    {
        var reader = new NetlinkAttributeReader(attributes);
        string? tableName = null;
        string? name = null;
        string? type = null;
        uint? hook = null;
        int priority = 0;
        uint policy = 1;
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case NftaChain.Table:
                    tableName = attribute.AsString();
                    break;
                case NftaChain.Name:
                    name = attribute.AsString();
                    break;
                case NftaChain.Type:
                    type = attribute.AsString();
                    break;
                case NftaChain.Policy:
                    policy = attribute.U32BigEndian;
                    break;
                case NftaChain.Hook:
                    var hookReader = attribute.Children;
                    while (hookReader.TryRead(out var part))
                    {
                        if (part.Type == NftaHook.HookNum)
                        {
                            hook = part.U32BigEndian;
                        }
                        else if (part.Type == NftaHook.Priority)
                        {
                            priority = unchecked((int)part.U32BigEndian);
                        }
                    }

                    break;
            }
        }

        if (tableName != table || name is null)
        {
            return null;
        }

        var chainType = type switch
        {
            "nat" => NfChainType.Nat,
            "route" => NfChainType.Route,
            _ => NfChainType.Filter,
        };
        return new NfChain(name, hook is { } h ? new NfBaseChain(chainType, (NfHook)h, priority, (NfPolicy)policy) : null);
    }

    /// <summary>A named set; null for another table's or an anonymous one (those belong to their rule).</summary>
    public static NfSet? Set(ReadOnlySpan<byte> attributes, string table)
    {
        var reader = new NetlinkAttributeReader(attributes);
        string? tableName = null;
        string? name = null;
        uint flags = 0;
        uint keyType = 0;
        uint keyLength = 0;
        uint? dataType = null;
        uint dataLength = 0;
        ulong? timeoutMs = null;
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case NftaSet.Table:
                    tableName = attribute.AsString();
                    break;
                case NftaSet.Name:
                    name = attribute.AsString();
                    break;
                case NftaSet.Flags:
                    flags = attribute.U32BigEndian;
                    break;
                case NftaSet.KeyType:
                    keyType = attribute.U32BigEndian;
                    break;
                case NftaSet.KeyLen:
                    keyLength = attribute.U32BigEndian;
                    break;
                case NftaSet.DataType:
                    dataType = attribute.U32BigEndian;
                    break;
                case NftaSet.DataLen:
                    dataLength = attribute.U32BigEndian;
                    break;
                case NftaSet.Timeout:
                    timeoutMs = attribute.U64BigEndian;
                    break;
            }
        }

        if (tableName != table || name is null || (flags & NftSetFlags.Anonymous) != 0)
        {
            return null;
        }

        var key = KeyTypes(keyType, (int)keyLength);
        if (DnatTargetAddress(dataType, dataLength) is { } address)
        {
            return NfSet.DnatTargetMap(name, address == NfDataType.Ipv6Addr ? NfFamily.Ip6 : NfFamily.Ip);
        }

        NfDataType? data = dataType switch
        {
            null => null,
            NftDataType.Verdict => NfDataType.Verdict,
            var other when Enum.IsDefined((NfDataType)other) && NfDataTypes.Width((NfDataType)other) == dataLength => (NfDataType)other,
            _ => NfDataType.Integer,
        };
        return new NfSet(name, key, data, (flags & NftSetFlags.Timeout) != 0, timeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, (flags & NftSetFlags.Eval) != 0);
    }

    /// <summary>The address type of an <c>ADDRESS . inet_service</c> data type (a <see cref="NfSet.DnatTargetMap"/>), else null.</summary>
    private static NfDataType? DnatTargetAddress(uint? dataType, uint dataLength) => (dataType, dataLength) switch
    {
        ((uint)NfDataType.Ipv4Addr << 6 | (uint)NfDataType.InetService, 8) => NfDataType.Ipv4Addr,
        ((uint)NfDataType.Ipv6Addr << 6 | (uint)NfDataType.InetService, 20) => NfDataType.Ipv6Addr,
        _ => null,
    };

    /// <summary>Splits nft's concatenated type id into its 6-bit fields; a key of unknown types reads as 4-byte integers.</summary>
    internal static IReadOnlyList<NfDataType> KeyTypes(uint typeId, int keyLength)
    {
        var types = new List<NfDataType>();
        for (uint id = typeId; id != 0; id >>= 6)
        {
            types.Insert(0, (NfDataType)(id & 0x3f));
        }

        bool known = types.Count > 0 && types.All(t => Enum.IsDefined(t) && t != NfDataType.Verdict)
            && types.Sum(t => NfDataTypes.PaddedWidth(NfDataTypes.Width(t))) == keyLength;
        return known ? types : Enumerable.Repeat(NfDataType.Integer, Math.Max(1, keyLength / 4)).ToList();
    }

    public static void Elements(ReadOnlySpan<byte> attributes, NfSet set, List<NfElement> elements)
    {
        if (!NetlinkAttributeReader.TryFind(attributes, NftaSetElemList.Elements, out var list))
        {
            return;
        }

        var items = list.Children;
        while (items.TryRead(out var item))
        {
            NfKey? key = null;
            NfVerdict? verdict = null;
            NfKey? data = null;
            TimeSpan? timeout = null;
            var fields = item.Children;
            while (fields.TryRead(out var field))
            {
                switch (field.Type)
                {
                    case NftaSetElem.Key when NetlinkAttributeReader.TryFind(field.Payload, NftaData.Value, out var value):
                        key = Key(set.Key, value.Payload);
                        break;
                    case NftaSetElem.Data when NetlinkAttributeReader.TryFind(field.Payload, NftaData.Verdict, out var verdictNest):
                        verdict = Verdict(verdictNest.Payload);
                        break;
                    case NftaSetElem.Data when set.DataHasPort && NetlinkAttributeReader.TryFind(field.Payload, NftaData.Value, out var dataValue):
                        data = Key(set.DataFields, dataValue.Payload);
                        break;
                    case NftaSetElem.Timeout:
                        timeout = TimeSpan.FromMilliseconds(field.U64BigEndian);
                        break;
                }
            }

            if (key is not null)
            {
                elements.Add(new NfElement(key, verdict, timeout, data));
            }
        }
    }

    private static NfKey? Key(IReadOnlyList<NfDataType> types, ReadOnlySpan<byte> bytes)
    {
        var values = new NfValue[types.Count];
        int offset = 0;
        for (int i = 0; i < types.Count; i++)
        {
            int width = NfDataTypes.Width(types[i]);
            if (offset + width > bytes.Length)
            {
                return null;
            }

            values[i] = NfValue.Read(types[i], bytes[offset..]);
            offset += NfDataTypes.PaddedWidth(width);
        }

        return new NfKey(values);
    }

    private static NfVerdict Verdict(ReadOnlySpan<byte> attributes)
    {
        int code = 0;
        string? chain = null;
        var reader = new NetlinkAttributeReader(attributes);
        while (reader.TryRead(out var attribute))
        {
            if (attribute.Type == NftaVerdict.Code)
            {
                code = unchecked((int)attribute.U32BigEndian);
            }
            else if (attribute.Type == NftaVerdict.Chain)
            {
                chain = attribute.AsString();
            }
        }

        var kind = code switch
        {
            NftVerdictCode.Accept => NfVerdictKind.Accept,
            NftVerdictCode.Drop => NfVerdictKind.Drop,
            NftVerdictCode.Return => NfVerdictKind.Return,
            NftVerdictCode.Jump => NfVerdictKind.Jump,
            NftVerdictCode.Goto => NfVerdictKind.Goto,
            _ => NfVerdictKind.Continue,
        };
        return new NfVerdict(kind, chain);
    }
}
