using System.Buffers;
using FastKube.Api.Meta;
using FastKube.ApiServer.Http;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

/// <summary>Reads a request body whole, within the server's limit, answering 413 past it.</summary>
internal static class RequestBody
{
    public static async Task<(byte[]? Body, Status? Error)> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return (null, ApiErrors.TooLarge());
        }

        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                if (read.Buffer.Length > limit)
                {
                    reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                    return (null, ApiErrors.TooLarge());
                }

                if (read.IsCompleted)
                {
                    var body = read.Buffer.ToArray();
                    reader.AdvanceTo(read.Buffer.End);
                    return (body, null);
                }

                // Ask for more without consuming: the body is read whole before decoding.
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiErrors.TooLarge());
        }
    }

    /// <summary>The media type without parameters ("application/json; charset=utf-8" → "application/json").</summary>
    public static string MediaType(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "";
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }
}
