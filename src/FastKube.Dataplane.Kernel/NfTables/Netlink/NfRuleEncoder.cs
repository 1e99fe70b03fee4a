using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using FastKube.Netlink;

namespace FastKube.Dataplane.Kernel.NfTables.Netlink;

/// <summary>
/// Lowers the statements of one rule to nf_tables expressions, the way nft 1.0.6 does (compare
/// <c>nft --debug=netlink</c>): loads into NFT_REG_1 and the following 4-byte registers, dependencies
/// (<c>meta nfproto</c> in inet tables, <c>meta l4proto</c> for tcp/udp ports) emitted once per rule.
/// </summary>
internal sealed class NfRuleEncoder
{
    /// <summary>NFT_REG_1: the first 16-byte register, which overlays NFT_REG32_00..03.</summary>
    private const uint Reg1 = 1;
    private const uint Reg2 = 2;

    private readonly NfBatchEncoder _batch;
    private readonly NetlinkBuffer _buffer;
    private readonly NfFamily _family;
    private readonly List<uint> _anonymousIds;
    private int _nextAnonymous;
    private NfFamily? _networkChecked;
    private byte? _transportChecked;

    public NfRuleEncoder(NfBatchEncoder batch, NetlinkBuffer buffer, NfFamily family, List<uint> anonymousIds)
    {
        _batch = batch;
        _buffer = buffer;
        _family = family;
        _anonymousIds = anonymousIds;
    }

    private NetlinkWriter W => new(_buffer);

    public void Encode(IReadOnlyList<NfStatement> statements)
    {
        foreach (var statement in statements)
        {
            Statement(statement);
        }
    }

    private void Statement(NfStatement statement)
    {
        switch (statement)
        {
            case NfMatch match:
                Match(match);
                break;
            case NfMaskedMatch masked:
                Dependencies(masked.Selector);
                Load(masked.Selector, Reg1);
                Bitwise(Reg1, 4, masked.Mask, 0);
                Cmp(Reg1, masked.Compare, HostU32(masked.Value));
                break;
            case NfPrefixMatch prefix:
                PrefixMatch(prefix);
                break;
            case NfFibDaddrLocal fib:
                Fib(NftaFib.ResultAddrType, NftaFib.FlagDaddr);
                Cmp(Reg1, fib.Compare, HostU32(NftaFib.RtnLocal));
                break;
            case NfSetMatch lookup:
                uint sreg = LoadKey(lookup.Key);
                Lookup(lookup.Set, null, sreg, null, lookup.Negate);
                break;
            case NfVerdictMap map:
                Lookup(map.Map, null, LoadKey(map.Key), NftReg.Verdict, invert: false);
                break;
            case NfNumgenVerdictMap numgen:
                Numgen(numgen.Targets.Count, 0);
                Lookup(NfBatchEncoder.AnonymousMapName, _anonymousIds[_nextAnonymous++], Reg1, NftReg.Verdict, invert: false);
                break;
            case NfNumgenDnatMap map:
                Numgen(map.Modulus, map.Offset);
                Lookup(map.Map, null, Reg1, Reg1, invert: false);
                NatFromRegisters(map.AddressFamily == NfFamily.Ip6);
                break;
            case NfVerdictStatement verdict:
                ImmediateVerdict(verdict.Verdict);
                break;
            case NfCounter:
                Counter();
                break;
            case NfNat nat:
                Nat(nat);
                break;
            case NfMasquerade masquerade:
                Masquerade(masquerade.FullyRandom);
                break;
            case NfReject reject:
                Reject(reject.Kind);
                break;
            case NfMarkSet mark:
                MetaLoad(NftMetaKey.Mark, Reg1);
                Bitwise(Reg1, 4, ~mark.Bits, mark.Bits);
                MetaSet(NftMetaKey.Mark, Reg1);
                break;
            case NfSetUpdate update:
                Dynset(update.Set, LoadKey(update.Key), update.Timeout);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement, "unknown statement");
        }
    }

    private void Match(NfMatch match)
    {
        Dependencies(match.Selector);
        Load(match.Selector, Reg1);
        if (match.Selector == NfSelector.CtState)
        {
            // Flags match: any of the bits (nft: bitwise & mask, cmp neq 0).
            Bitwise(Reg1, 4, (uint)match.Value.Bits, 0);
            Cmp(Reg1, match.Compare == NfCompare.Equal ? NfCompare.NotEqual : NfCompare.Equal, HostU32(0));
            return;
        }

        Span<byte> value = stackalloc byte[16];
        match.Value.WriteTo(value);
        Cmp(Reg1, match.Compare, value[..match.Value.Width]);

        // An explicit "meta l4proto tcp" is the dependency nft would otherwise add for a later tcp field or
        // "reject with tcp reset"; nft does not repeat it.
        if (match is { Selector: NfSelector.MetaL4Proto, Compare: NfCompare.Equal })
        {
            _transportChecked = (byte)match.Value.Bits;
        }
    }

    /// <summary>
    /// As nft 1.0.6 (checked with <c>nft --debug=netlink</c>): a byte-aligned prefix loads only the bytes it
    /// covers (<c>payload load 2b</c> for a /16); any other prefix loads the whole field and masks it.
    /// </summary>
    private void PrefixMatch(NfPrefixMatch prefix)
    {
        Dependencies(prefix.Selector);
        Span<byte> network = stackalloc byte[16];
        NfValue.Address(prefix.Network).WriteTo(network);
        var (offset, length) = AddressField(prefix.Selector);
        if (prefix.PrefixLength % 8 == 0)
        {
            int bytes = prefix.PrefixLength / 8;
            Payload(NftPayloadBase.Network, offset, (uint)bytes, Reg1);
            Cmp(Reg1, prefix.Compare, network[..bytes]);
            return;
        }

        Payload(NftPayloadBase.Network, offset, length, Reg1);
        Span<byte> mask = stackalloc byte[(int)length];
        mask.Clear();
        mask[..(prefix.PrefixLength / 8)].Fill(0xff);
        mask[prefix.PrefixLength / 8] = (byte)(0xff << (8 - (prefix.PrefixLength % 8)));
        BitwiseBytes(Reg1, mask, new byte[length]);
        Cmp(Reg1, prefix.Compare, network[..(int)length]);
    }

    private static (uint Offset, uint Length) AddressField(NfSelector selector) => selector switch
    {
        NfSelector.IpSaddr => (12, 4),
        NfSelector.IpDaddr => (16, 4),
        NfSelector.Ip6Saddr => (8, 16),
        _ => (24, 16),
    };

    /// <summary>Loads the fields of a (concatenated) key into consecutive registers; returns the first.</summary>
    private uint LoadKey(IReadOnlyList<NfSelector> key)
    {
        foreach (var selector in key)
        {
            Dependencies(selector);
        }

        int offset = 0;
        foreach (var selector in key)
        {
            Load(selector, offset == 0 ? Reg1 : NftReg.First32 + (uint)(offset / 4));
            offset += NfDataTypes.PaddedWidth(NfDataTypes.Width(NfSelectors.TypeOf(selector)));
        }

        return Reg1;
    }

    private void Dependencies(NfSelector selector)
    {
        if (_family == NfFamily.Inet && NfSelectors.NetworkFamily(selector) is { } network && _networkChecked != network)
        {
            NetworkDependency(network);
        }

        if (NfSelectors.TransportProtocol(selector) is { } protocol && _transportChecked != protocol)
        {
            TransportDependency(protocol);
        }
    }

    private void NetworkDependency(NfFamily network)
    {
        MetaLoad(NftMetaKey.NfProto, Reg1);
        Cmp(Reg1, NfCompare.Equal, [(byte)network]);
        _networkChecked = network;
    }

    private void TransportDependency(byte protocol)
    {
        MetaLoad(NftMetaKey.L4Proto, Reg1);
        Cmp(Reg1, NfCompare.Equal, [protocol]);
        _transportChecked = protocol;
    }

    private void Load(NfSelector selector, uint register)
    {
        switch (selector)
        {
            case NfSelector.MetaL4Proto:
                MetaLoad(NftMetaKey.L4Proto, register);
                break;
            case NfSelector.MetaNfProto:
                MetaLoad(NftMetaKey.NfProto, register);
                break;
            case NfSelector.MetaIifName:
                MetaLoad(NftMetaKey.IifName, register);
                break;
            case NfSelector.MetaOifName:
                MetaLoad(NftMetaKey.OifName, register);
                break;
            case NfSelector.MetaMark:
                MetaLoad(NftMetaKey.Mark, register);
                break;
            case NfSelector.IpSaddr or NfSelector.IpDaddr or NfSelector.Ip6Saddr or NfSelector.Ip6Daddr:
                var (offset, length) = AddressField(selector);
                Payload(NftPayloadBase.Network, offset, length, register);
                break;
            case NfSelector.ThDport or NfSelector.TcpDport or NfSelector.UdpDport:
                Payload(NftPayloadBase.Transport, 2, 2, register);
                break;
            case NfSelector.CtState:
                CtLoad(NftCtKey.State, register);
                break;
            default:
                CtLoad(NftCtKey.Mark, register);
                break;
        }
    }

    private (int Element, int Data) Begin(string name)
    {
        int element = W.BeginNested(NftaList.Elem);
        W.WriteString(NftaExpr.Name, name);
        return (element, W.BeginNested(NftaExpr.Data));
    }

    private void End((int Element, int Data) expression)
    {
        W.EndNested(expression.Data);
        W.EndNested(expression.Element);
    }

    private void MetaLoad(uint key, uint register)
    {
        var e = Begin("meta");
        W.WriteU32BigEndian(NftaMeta.Key, key);
        W.WriteU32BigEndian(NftaMeta.Dreg, register);
        End(e);
    }

    private void MetaSet(uint key, uint register)
    {
        var e = Begin("meta");
        W.WriteU32BigEndian(NftaMeta.Key, key);
        W.WriteU32BigEndian(NftaMeta.Sreg, register);
        End(e);
    }

    private void CtLoad(uint key, uint register)
    {
        var e = Begin("ct");
        W.WriteU32BigEndian(NftaCt.Key, key);
        W.WriteU32BigEndian(NftaCt.Dreg, register);
        End(e);
    }

    private void Payload(uint payloadBase, uint offset, uint length, uint register)
    {
        var e = Begin("payload");
        W.WriteU32BigEndian(NftaPayload.Dreg, register);
        W.WriteU32BigEndian(NftaPayload.Base, payloadBase);
        W.WriteU32BigEndian(NftaPayload.Offset, offset);
        W.WriteU32BigEndian(NftaPayload.Len, length);
        End(e);
    }

    private void Cmp(uint register, NfCompare compare, ReadOnlySpan<byte> value)
    {
        var e = Begin("cmp");
        W.WriteU32BigEndian(NftaCmp.Sreg, register);
        W.WriteU32BigEndian(NftaCmp.Op, compare == NfCompare.Equal ? 0u : 1u);
        int data = W.BeginNested(NftaCmp.Data);
        W.WriteBytes(NftaData.Value, value);
        W.EndNested(data);
        End(e);
    }

    private void Bitwise(uint register, uint length, uint mask, uint xor)
    {
        var e = Begin("bitwise");
        W.WriteU32BigEndian(NftaBitwise.Sreg, register);
        W.WriteU32BigEndian(NftaBitwise.Dreg, register);
        W.WriteU32BigEndian(NftaBitwise.Len, length);
        int maskNest = W.BeginNested(NftaBitwise.Mask);
        W.WriteBytes(NftaData.Value, HostU32(mask));
        W.EndNested(maskNest);
        int xorNest = W.BeginNested(NftaBitwise.Xor);
        W.WriteBytes(NftaData.Value, HostU32(xor));
        W.EndNested(xorNest);
        End(e);
    }

    private void BitwiseBytes(uint register, ReadOnlySpan<byte> mask, ReadOnlySpan<byte> xor)
    {
        var e = Begin("bitwise");
        W.WriteU32BigEndian(NftaBitwise.Sreg, register);
        W.WriteU32BigEndian(NftaBitwise.Dreg, register);
        W.WriteU32BigEndian(NftaBitwise.Len, (uint)mask.Length);
        int maskNest = W.BeginNested(NftaBitwise.Mask);
        W.WriteBytes(NftaData.Value, mask);
        W.EndNested(maskNest);
        int xorNest = W.BeginNested(NftaBitwise.Xor);
        W.WriteBytes(NftaData.Value, xor);
        W.EndNested(xorNest);
        End(e);
    }

    private void Fib(uint result, uint flags)
    {
        var e = Begin("fib");
        W.WriteU32BigEndian(NftaFib.Dreg, Reg1);
        W.WriteU32BigEndian(NftaFib.Result, result);
        W.WriteU32BigEndian(NftaFib.Flags, flags);
        End(e);
    }

    private void Lookup(string set, uint? setId, uint sourceRegister, uint? destinationRegister, bool invert)
    {
        var e = Begin("lookup");
        W.WriteString(NftaLookup.Set, set);
        if (setId is { } id)
        {
            W.WriteU32BigEndian(NftaLookup.SetId, id);
        }

        W.WriteU32BigEndian(NftaLookup.Sreg, sourceRegister);
        if (destinationRegister is { } dreg)
        {
            W.WriteU32BigEndian(NftaLookup.Dreg, dreg);
        }

        if (invert)
        {
            W.WriteU32BigEndian(NftaLookup.Flags, NftaLookup.FlagInvert);
        }

        End(e);
    }

    private void ImmediateVerdict(NfVerdict verdict)
    {
        var e = Begin("immediate");
        W.WriteU32BigEndian(NftaImmediate.Dreg, NftReg.Verdict);
        int data = W.BeginNested(NftaImmediate.Data);
        _batch.WriteVerdict(verdict);
        W.EndNested(data);
        End(e);
    }

    private void ImmediateValue(uint register, ReadOnlySpan<byte> value)
    {
        var e = Begin("immediate");
        W.WriteU32BigEndian(NftaImmediate.Dreg, register);
        int data = W.BeginNested(NftaImmediate.Data);
        W.WriteBytes(NftaData.Value, value);
        W.EndNested(data);
        End(e);
    }

    private void Numgen(int modulus, uint offset)
    {
        var e = Begin("numgen");
        W.WriteU32BigEndian(NftaNumgen.Dreg, Reg1);
        W.WriteU32BigEndian(NftaNumgen.Modulus, (uint)modulus);
        W.WriteU32BigEndian(NftaNumgen.Type, NftaNumgen.TypeRandom);
        W.WriteU32BigEndian(NftaNumgen.Offset, offset);
        End(e);
    }

    /// <summary>
    /// DNAT to the address and port a map lookup left in NFT_REG_1 and the register after the address: as nft
    /// sends it, min and max registers alike and flags MAP_IPS | PROTO_SPECIFIED; the port follows a 4-byte
    /// address in NFT_REG32_01 and a 16-byte one in NFT_REG_2.
    /// </summary>
    private void NatFromRegisters(bool v6)
    {
        uint portRegister = v6 ? Reg2 : NftReg.First32 + 1;
        var e = Begin("nat");
        W.WriteU32BigEndian(NftaNat.Type, NftaNat.TypeDnat);
        W.WriteU32BigEndian(NftaNat.Family, v6 ? NfProto.Ipv6 : NfProto.Ipv4);
        W.WriteU32BigEndian(NftaNat.RegAddrMin, Reg1);
        W.WriteU32BigEndian(NftaNat.RegAddrMax, Reg1);
        W.WriteU32BigEndian(NftaNat.RegProtoMin, portRegister);
        W.WriteU32BigEndian(NftaNat.RegProtoMax, portRegister);
        W.WriteU32BigEndian(NftaNat.Flags, 0x3);
        End(e);
    }

    private void Counter()
    {
        var e = Begin("counter");
        W.WriteU64BigEndian(NftaCounter.Bytes, 0);
        W.WriteU64BigEndian(NftaCounter.Packets, 0);
        End(e);
    }

    private void Nat(NfNat nat)
    {
        bool v6 = nat.Address.AddressFamily == AddressFamily.InterNetworkV6;
        Span<byte> address = stackalloc byte[16];
        nat.Address.TryWriteBytes(address, out int length);
        ImmediateValue(Reg1, address[..length]);
        if (nat.Port is { } port)
        {
            Span<byte> portBytes = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(portBytes, port);
            ImmediateValue(Reg2, portBytes);
        }

        var e = Begin("nat");
        W.WriteU32BigEndian(NftaNat.Type, nat.Kind == NfNatKind.Dnat ? NftaNat.TypeDnat : NftaNat.TypeSnat);
        W.WriteU32BigEndian(NftaNat.Family, v6 ? NfProto.Ipv6 : NfProto.Ipv4);
        W.WriteU32BigEndian(NftaNat.RegAddrMin, Reg1);
        if (nat.Port is not null)
        {
            W.WriteU32BigEndian(NftaNat.RegProtoMin, Reg2);

            // NF_NAT_RANGE_PROTO_SPECIFIED, as nft sends it; the kernel adds MAP_IPS itself for the address register.
            W.WriteU32BigEndian(NftaNat.Flags, 0x2);
        }

        End(e);
    }

    private void Masquerade(bool fullyRandom)
    {
        var e = Begin("masq");
        if (fullyRandom)
        {
            W.WriteU32BigEndian(NftaMasq.Flags, NftaMasq.RandomFully);
        }

        End(e);
    }

    private void Reject(NfRejectKind kind)
    {
        switch (kind)
        {
            case NfRejectKind.TcpReset when _transportChecked != NfValue.Tcp:
                TransportDependency(NfValue.Tcp);
                break;
            case NfRejectKind.IcmpPortUnreachable when _family == NfFamily.Inet && _networkChecked != NfFamily.Ip:
                NetworkDependency(NfFamily.Ip);
                break;
        }

        var e = Begin("reject");
        switch (kind)
        {
            case NfRejectKind.TcpReset:
                W.WriteU32BigEndian(NftaReject.Type, NftaReject.TypeTcpReset);
                break;
            case NfRejectKind.IcmpPortUnreachable:
                W.WriteU32BigEndian(NftaReject.Type, NftaReject.TypeIcmpUnreach);
                W.WriteU8(NftaReject.IcmpCode, NftaReject.IcmpPortUnreachable);
                break;
            default:
                W.WriteU32BigEndian(NftaReject.Type, NftaReject.TypeIcmpxUnreach);
                W.WriteU8(NftaReject.IcmpCode, NftaReject.IcmpxPortUnreachable);
                break;
        }

        End(e);
    }

    private void Dynset(string set, uint keyRegister, TimeSpan? timeout)
    {
        var e = Begin("dynset");
        W.WriteString(NftaDynset.SetName, set);
        W.WriteU32BigEndian(NftaDynset.Op, NftaDynset.OpUpdate);
        W.WriteU32BigEndian(NftaDynset.SregKey, keyRegister);
        if (timeout is { } value)
        {
            W.WriteU64BigEndian(NftaDynset.Timeout, (ulong)value.TotalMilliseconds);
        }

        End(e);
    }

    private static byte[] HostU32(uint value)
    {
        var bytes = new byte[4];
        MemoryMarshal.Write(bytes, value);
        return bytes;
    }
}
