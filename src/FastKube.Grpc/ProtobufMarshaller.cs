using Google.Protobuf;

namespace FastKube.Grpc;

/// <summary>Marshallers for Google.Protobuf generated messages (buffer-writer serialization, sequence parsing).</summary>
public static class ProtobufMarshaller
{
    public static GrpcMarshaller<T> For<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        return new GrpcMarshaller<T>((message, writer) => message.WriteTo(writer), parser.ParseFrom);
    }
}
