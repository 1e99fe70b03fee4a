using System.Text.Json;
using System.Text.Json.Nodes;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;
using FastKube.Api.Patching;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

internal sealed partial class ResourceEndpoints
{
    // A patch that loses a race to another writer is re-applied to the new version, as upstream does
    // (unless the patch itself pins a resourceVersion, which then conflicts).
    private const int PatchAttempts = 5;

    private async Task PatchAsync(HttpContext context, ResourceStorage storage, string ns, string name, bool statusOnly, bool dryRun)
    {
        var mediaType = RequestBody.MediaType(context);
        if (mediaType == "application/apply-patch+yaml")
        {
            await StatusResponses.WriteAsync(context, ApiErrors.UnsupportedMediaType(mediaType + " (server-side apply is not supported yet)")).ConfigureAwait(false);
            return;
        }

        if (mediaType is not ("application/merge-patch+json" or "application/strategic-merge-patch+json" or "application/json-patch+json"))
        {
            await StatusResponses.WriteAsync(context, ApiErrors.UnsupportedMediaType(mediaType)).ConfigureAwait(false);
            return;
        }

        var (body, error) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await StatusResponses.WriteAsync(context, error!).ConfigureAwait(false);
            return;
        }

        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            await StatusResponses.WriteAsync(context, ApiErrors.BadRequest($"error decoding patch: {e.Message}")).ConfigureAwait(false);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = await storage.GetAsync(ns, name, context.RequestAborted).ConfigureAwait(false);
            if (current.Error is not null)
            {
                await StatusResponses.WriteAsync(context, current.Error).ConfigureAwait(false);
                return;
            }

            var original = JsonNode.Parse(KubeJson.Serialize(current.Object));
            var patched = mediaType switch
            {
                "application/merge-patch+json" => PatchResult.Success(JsonMergePatch.Apply(original, patch)),
                "application/json-patch+json" => JsonPatch.Apply(original, patch),
                _ => StrategicMergePatch.Apply(original, patch, storage.Info.Type),
            };
            if (patched.Status != PatchStatus.Ok)
            {
                await StatusResponses.WriteAsync(context, PatchError(patched)).ConfigureAwait(false);
                return;
            }

            var (obj, decodeError) = Decode(context, Utf8(patched.Document), storage.Info);
            if (obj is null)
            {
                await StatusResponses.WriteAsync(context, decodeError!).ConfigureAwait(false);
                return;
            }

            Defaults.Apply(obj);
            var result = await storage.UpdateAsync(obj, ns, name, statusOnly, dryRun, context.RequestAborted).ConfigureAwait(false);
            var pinned = obj.Metadata?.ResourceVersion != current.Object!.Metadata!.ResourceVersion;
            if (result.Error?.Reason == StatusReasons.Conflict && !pinned && attempt < PatchAttempts)
            {
                continue;
            }

            await Respond(context, StatusCodes.Status200OK, result).ConfigureAwait(false);
            return;
        }
    }

    private static ReadOnlySpan<byte> Utf8(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan;
    }

    private static Status PatchError(PatchResult result) => result.Status switch
    {
        PatchStatus.TooLarge => StatusResponses.Failure(StatusCodes.Status413RequestEntityTooLarge, StatusReasons.RequestEntityTooLarge, result.Error),
        PatchStatus.NotApplicable => StatusResponses.Failure(StatusCodes.Status422UnprocessableEntity, StatusReasons.Invalid, result.Error),
        _ => ApiErrors.BadRequest(result.Error),
    };
}
