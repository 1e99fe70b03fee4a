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
        if (RequestBody.MediaType(context) == ApplyMediaType)
        {
            await ApplyAsync(context, storage, ns, name, statusOnly, dryRun).ConfigureAwait(false);
            return;
        }

        if (context.Request.Query.ContainsKey("force"))
        {
            await StatusResponses.WriteAsync(context, PatchOptionsInvalid("force: Forbidden: may not be specified for non-apply patch")).ConfigureAwait(false);
            return;
        }

        var (mediaType, patch, error) = await ReadPatchAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            await StatusResponses.WriteAsync(context, error).ConfigureAwait(false);
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

            var patched = ApplyPatch(mediaType, JsonNode.Parse(KubeJson.Serialize(current.Object)), patch, storage.Info.Type);
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
            var tracking = ManagedFieldsTracking.OnUpdate(storage.Info, ManagedFieldsTracking.Manager(context), statusOnly ? "status" : "", storage.Now());
            var result = await storage.UpdateAsync(obj, ns, name, statusOnly, dryRun, context.RequestAborted, tracking).ConfigureAwait(false);
            var pinned = obj.Metadata?.ResourceVersion != current.Object!.Metadata!.ResourceVersion;
            if (result.Error?.Reason == StatusReasons.Conflict && !pinned && attempt < PatchAttempts)
            {
                continue;
            }

            await Respond(context, StatusCodes.Status200OK, result).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>Reads a patch body: its media type picks the patch kind (apply patches take <see cref="ApplyAsync"/> before this).</summary>
    private async Task<(string MediaType, JsonNode? Patch, Status? Error)> ReadPatchAsync(HttpContext context)
    {
        var mediaType = RequestBody.MediaType(context);

        if (mediaType is not ("application/merge-patch+json" or "application/strategic-merge-patch+json" or "application/json-patch+json"))
        {
            return (mediaType, null, ApiErrors.UnsupportedMediaType(mediaType));
        }

        var (body, error) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return (mediaType, null, error);
        }

        try
        {
            return (mediaType, JsonNode.Parse(body), null);
        }
        catch (JsonException e)
        {
            return (mediaType, null, ApiErrors.BadRequest($"error decoding patch: {e.Message}"));
        }
    }

    private static PatchResult ApplyPatch(string mediaType, JsonNode? original, JsonNode? patch, Type type) => mediaType switch
    {
        "application/merge-patch+json" => PatchResult.Success(JsonMergePatch.Apply(original, patch)),
        "application/json-patch+json" => JsonPatch.Apply(original, patch),
        _ => StrategicMergePatch.Apply(original, patch, type),
    };

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
