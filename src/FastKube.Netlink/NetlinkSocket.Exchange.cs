using System.Runtime.InteropServices;
using FastKube.Netlink.Interop;

namespace FastKube.Netlink;

public sealed partial class NetlinkSocket
{
    /// <summary>
    /// Sends <paramref name="messages"/> with a single send() — the kernel processes one send as one skb, which
    /// is what makes an nfnetlink batch atomic — then reads replies until the ack, error or NLMSG_DONE answering
    /// <paramref name="awaitSequence"/>. The kernel handles netlink requests synchronously inside send(), in
    /// order, so every error for an earlier message of the send has arrived by then. Kernel errors are
    /// appended to <paramref name="errors"/>; replies outside [<paramref name="firstSequence"/>,
    /// <paramref name="awaitSequence"/>] are leftovers of an abandoned exchange and are skipped.
    /// </summary>
    public void Exchange(ReadOnlySpan<byte> messages, uint firstSequence, uint awaitSequence, NetlinkMessageHandler? onMessage, List<NetlinkError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        EnsureSendBuffer(messages.Length);
        Send(messages);
        ReceiveUntil(firstSequence, awaitSequence, onMessage, errors);
    }

    /// <summary>
    /// Sends independent (non-batch) messages in sends of at most <paramref name="maxSendBytes"/>, cut only at
    /// message boundaries, awaiting each chunk's last message before the next so the receive buffer never
    /// holds more than one chunk's replies. Every message must carry NLM_F_ACK, or at least each chunk's last.
    /// </summary>
    public void ExchangeInChunks(ReadOnlySpan<byte> messages, int maxSendBytes, List<NetlinkError> errors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSendBytes, NetlinkLayout.HeaderSize);
        while (!messages.IsEmpty)
        {
            int chunk = 0;
            uint first = SequenceOf(messages);
            uint last = first;
            while (chunk < messages.Length)
            {
                var result = NetlinkPrimitives.TryReadHeader(messages[chunk..], out var header);
                if (result != NetlinkReadResult.Ok)
                {
                    throw new ArgumentException($"messages end in a broken netlink message ({result})", nameof(messages));
                }

                int size = NetlinkLayout.Align((int)header.Length);
                if (chunk > 0 && chunk + size > maxSendBytes)
                {
                    break;
                }

                chunk = Math.Min(chunk + size, messages.Length);
                last = header.Sequence;
            }

            Exchange(messages[..chunk], first, last, null, errors);
            messages = messages[chunk..];
        }
    }

    private void EnsureSendBuffer(int length)
    {
        // netlink_sendmsg refuses a send larger than sk_sndbuf - 32 with EMSGSIZE; the kernel doubles the value set.
        int needed = length + 4096;
        if (needed <= _sendBufferBytes)
        {
            return;
        }

        int value = needed;
        if (LibC.SetSockOpt(_fd, LibC.SolSocket, LibC.SoSndBufForce, ref value, sizeof(int)) != 0)
        {
            SetOption(_fd, LibC.SolSocket, LibC.SoSndBuf, value);
        }

        _sendBufferBytes = needed;
    }

    private unsafe void Send(ReadOnlySpan<byte> messages)
    {
        fixed (byte* pointer = messages)
        {
            while (true)
            {
                nint sent = LibC.Send(_fd, pointer, (nuint)messages.Length, 0);
                if (sent >= 0)
                {
                    // A datagram socket sends all or nothing.
                    return;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.EIntr)
                {
                    NetlinkThrow.Syscall($"send({messages.Length} bytes)", errno);
                }
            }
        }
    }

    private void ReceiveUntil(uint firstSequence, uint awaitSequence, NetlinkMessageHandler? onMessage, List<NetlinkError> errors)
    {
        uint span = awaitSequence - firstSequence;
        while (true)
        {
            int length = ReceiveDatagram();
            var reader = new NetlinkMessageReader(_receive.AsSpan(0, length));
            while (reader.TryRead(out var message))
            {
                var header = message.Header;
                if (header.Sequence - firstSequence > span)
                {
                    continue;
                }

                bool last = header.Sequence == awaitSequence;
                switch (header.Type)
                {
                    case NetlinkMessageTypes.Error:
                        var error = ParseError(message);
                        if (error.Errno != 0)
                        {
                            errors.Add(error);
                        }

                        if (last)
                        {
                            return;
                        }

                        break;
                    case NetlinkMessageTypes.Done:
                        // NLMSG_DONE carries the dump's final status; non-zero means the dump stopped early.
                        int status = message.Payload.Length >= 4 ? MemoryMarshal.Read<int>(message.Payload) : 0;
                        if (status != 0)
                        {
                            errors.Add(new NetlinkError(-status, header.Sequence, ExtendedAckMessage(message.Payload[4..]), null));
                        }

                        if (last)
                        {
                            return;
                        }

                        break;
                    case NetlinkMessageTypes.Noop:
                    case NetlinkMessageTypes.Overrun:
                        break;
                    default:
                        onMessage?.Invoke(message);
                        if (last && (header.Flags & NetlinkMessageFlags.Multi) == 0)
                        {
                            return;
                        }

                        break;
                }
            }

            if (reader.Status != NetlinkReadResult.EndOfData)
            {
                NetlinkThrow.Protocol($"datagram of {length} bytes ends in a broken message ({reader.Status})");
            }
        }
    }

    /// <summary>Payload of NLMSG_ERROR: s32 -errno, the request's header (capped), then NLMSGERR_ATTR_* when NLM_F_ACK_TLVS.</summary>
    private static NetlinkError ParseError(scoped in NetlinkMessage message)
    {
        var payload = message.Payload;
        if (payload.Length < 4 + NetlinkLayout.HeaderSize)
        {
            NetlinkThrow.Protocol($"NLMSG_ERROR of {payload.Length} bytes");
        }

        int errno = -MemoryMarshal.Read<int>(payload);
        if (errno == 0 || (message.Header.Flags & NetlinkMessageFlags.AckTlvs) == 0)
        {
            return new NetlinkError(errno, message.Header.Sequence, null, null);
        }

        int echoed = (message.Header.Flags & NetlinkMessageFlags.Capped) != 0
            ? NetlinkLayout.HeaderSize
            : (int)MemoryMarshal.Read<uint>(payload[4..]);
        var tlvs = payload[Math.Min(payload.Length, 4 + NetlinkLayout.Align(echoed))..];
        uint? offset = NetlinkAttributeReader.TryFind(tlvs, NetlinkErrorAttributes.Offset, out var found) ? found.U32 : null;
        return new NetlinkError(errno, message.Header.Sequence, ExtendedAckMessage(tlvs), offset);
    }

    private static string? ExtendedAckMessage(ReadOnlySpan<byte> tlvs) =>
        NetlinkAttributeReader.TryFind(tlvs, NetlinkErrorAttributes.Message, out var found) ? found.AsString() : null;

    private unsafe int ReceiveDatagram()
    {
        int timeoutMs = (int)Math.Min(int.MaxValue, _replyTimeout.TotalMilliseconds);
        while (true)
        {
            var poll = new LibC.PollFd { Fd = _fd, Events = LibC.PollIn };
            int ready = LibC.Poll(ref poll, 1, timeoutMs);
            if (ready == 0)
            {
                throw new TimeoutException($"no netlink reply within {_replyTimeout.TotalSeconds:F0} s");
            }

            if (ready < 0)
            {
                int pollErrno = Marshal.GetLastPInvokeError();
                if (pollErrno == LibC.EIntr)
                {
                    continue;
                }

                NetlinkThrow.Syscall("poll(netlink)", pollErrno);
            }

            nint received;
            fixed (byte* pointer = _receive)
            {
                received = LibC.Recv(_fd, pointer, (nuint)_receive.Length, LibC.MsgTrunc | LibC.MsgDontWait);
            }

            if (received >= 0)
            {
                if (received > _receive.Length)
                {
                    NetlinkThrow.Protocol($"reply datagram of {received} bytes exceeds the {_receive.Length}-byte receive buffer");
                }

                return (int)received;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno is LibC.EIntr or LibC.EAgain)
            {
                continue;
            }

            // ENOBUFS: the kernel dropped replies because the receive buffer overflowed; the exchange's outcome is unknown.
            NetlinkThrow.Syscall("recv(netlink)", errno);
        }
    }
}
