using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Http;

/// <summary>Every error leaves the API server as a meta/v1 Status with its HTTP code, as upstream's do.</summary>
internal static class StatusResponses
{
    public static Status Failure(int code, string reason, string message, StatusDetails? details = null) => new()
    {
        Kind = Status.KindName,
        ApiVersion = Status.GroupVersion,
        Metadata = new ListMeta(),
        Outcome = Status.Failure,
        Message = message,
        Reason = reason,
        Details = details,
        Code = code,
    };

    public static async Task WriteAsync(HttpContext context, Status status)
    {
        context.Response.StatusCode = status.Code ?? StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(KubeJson.Serialize(status), context.RequestAborted).ConfigureAwait(false);
    }
}
