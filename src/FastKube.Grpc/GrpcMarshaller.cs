using System.Buffers;

namespace FastKube.Grpc;

/// <summary>Turns a message into bytes and back. <see cref="ProtobufMarshaller"/> makes one for a protobuf message.</summary>
public sealed class GrpcMarshaller<T>
{
    public GrpcMarshaller(Action<T, IBufferWriter<byte>> serialize, Func<ReadOnlySequence<byte>, T> deserialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        ArgumentNullException.ThrowIfNull(deserialize);
        Serialize = serialize;
        Deserialize = deserialize;
    }

    public Action<T, IBufferWriter<byte>> Serialize { get; }

    /// <summary>Parses one whole message; throws on malformed input (the call reports it as Internal).</summary>
    public Func<ReadOnlySequence<byte>, T> Deserialize { get; }
}
