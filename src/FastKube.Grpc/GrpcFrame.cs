using System.Buffers.Binary;

namespace FastKube.Grpc;

/// <summary>The outcome of reading a gRPC length-prefixed message header.</summary>
internal enum FrameHeaderResult
{
    Ok,
    /// <summary>The compressed flag is 1, but this client never offers an encoding, so no server may compress.</summary>
    Compressed,
    /// <summary>The flag byte is neither 0 nor 1.</summary>
    InvalidFlag,
    /// <summary>The declared length exceeds the receive limit.</summary>
    TooLarge,
}

/// <summary>
/// The gRPC over HTTP/2 message prefix (PROTOCOL-HTTP2.md "Length-Prefixed-Message"): one compressed-flag
/// byte, then the message length as a big-endian uint32.
/// </summary>
internal static class GrpcFrame
{
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, int length)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    public static FrameHeaderResult ReadHeader(ReadOnlySpan<byte> header, int maxLength, out uint length)
    {
        length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        return header[0] switch
        {
            0 when length > (uint)maxLength => FrameHeaderResult.TooLarge,
            0 => FrameHeaderResult.Ok,
            1 => FrameHeaderResult.Compressed,
            _ => FrameHeaderResult.InvalidFlag,
        };
    }
}
