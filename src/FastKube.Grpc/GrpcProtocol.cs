using System.Net.Http.Headers;

namespace FastKube.Grpc;

/// <summary>Constants of gRPC over HTTP/2 (PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentTypeValue = "application/grpc";
    public const string TimeoutHeader = "grpc-timeout";
    public const string UserAgent = "fastkube-grpc/1.0";

    public static MediaTypeHeaderValue ContentType => new(ContentTypeValue);

    /// <summary>application/grpc, optionally with a +proto/+json suffix or parameters, in any case.</summary>
    public static bool IsGrpcContentType(string? mediaType) =>
        mediaType is not null
        && mediaType.StartsWith(ContentTypeValue, StringComparison.OrdinalIgnoreCase)
        && (mediaType.Length == ContentTypeValue.Length || mediaType[ContentTypeValue.Length] is '+' or ';');
}
