namespace FastKube.Netlink;

/// <summary>One received message: its header and the bytes after the 16-byte netlink header.</summary>
public readonly ref struct NetlinkMessage
{
    public NetlinkMessage(NetlinkMessageHeader header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public NetlinkMessageHeader Header { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The attributes after a fixed protocol header of <paramref name="fixedHeaderSize"/> bytes (nfgenmsg: 4).</summary>
    public NetlinkAttributeReader Attributes(int fixedHeaderSize) =>
        new(Payload.Length >= fixedHeaderSize ? Payload[NetlinkLayout.Align(fixedHeaderSize)..] : default);
}

/// <summary>Iterates the messages of one received datagram.</summary>
public ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
        Status = NetlinkReadResult.Ok;
    }

    /// <summary>Why the last <see cref="TryRead"/> returned false: end of data, or a broken datagram.</summary>
    public NetlinkReadResult Status { get; private set; }

    public bool TryRead(out NetlinkMessage message)
    {
        message = default;
        Status = NetlinkPrimitives.TryReadHeader(_remaining, out var header);
        if (Status != NetlinkReadResult.Ok)
        {
            return false;
        }

        int length = (int)header.Length;
        message = new NetlinkMessage(header, _remaining[NetlinkLayout.HeaderSize..length]);
        _remaining = _remaining[Math.Min(NetlinkLayout.Align(length), _remaining.Length)..];
        return true;
    }
}
