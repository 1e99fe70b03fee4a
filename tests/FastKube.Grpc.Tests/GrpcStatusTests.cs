using System.Net;
using System.Net.Http;

namespace FastKube.Grpc.Tests;

public sealed class GrpcStatusTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a%20b", "a b")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("100%25", "100%")]
    [InlineData("bad %zz escape", "bad %zz escape")]
    [InlineData("trailing %4", "trailing %4")]
    [InlineData("%E2%9C%93 done", "✓ done")]
    public void PercentDecode_Value_DecodesUtf8Escapes(string encoded, string expected)
    {
        Assert.Equal(expected, GrpcStatus.PercentDecode(encoded));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, StatusCode.Internal)]
    [InlineData(HttpStatusCode.Unauthorized, StatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.Forbidden, StatusCode.PermissionDenied)]
    [InlineData(HttpStatusCode.NotFound, StatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.TooManyRequests, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.BadGateway, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, StatusCode.Unknown)]
    public void FromHttpStatus_Code_MapsPerGrpcSpec(HttpStatusCode http, StatusCode expected)
    {
        Assert.Equal(expected, GrpcStatus.FromHttpStatus(http).StatusCode);
    }

    [Fact]
    public void Read_OkStatus_ReturnsNullButPresent()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("grpc-status", "0");

        Assert.Null(GrpcStatus.Read(response.Headers, out bool present));
        Assert.True(present);
    }

    [Fact]
    public void Read_UnknownNumericCode_IsUnknown()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("grpc-status", "42");
        response.Headers.TryAddWithoutValidation("grpc-message", "future");

        var status = GrpcStatus.Read(response.Headers, out _);

        Assert.Equal(StatusCode.Unknown, status!.StatusCode);
        Assert.Equal("future", status.Detail);
    }

    [Fact]
    public void Read_NonNumericCode_IsUnknownNamingTheValue()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("grpc-status", "oops");

        Assert.Contains("oops", GrpcStatus.Read(response.Headers, out _)!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoStatus_NotPresent()
    {
        using var response = new HttpResponseMessage();

        Assert.Null(GrpcStatus.Read(response.Headers, out bool present));
        Assert.False(present);
    }
}
