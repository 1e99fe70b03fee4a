using System.Text.Json;
using System.Text.Json.Nodes;
using FastKube.Api;
using FastKube.Api.Apply;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

internal sealed partial class ResourceEndpoints
{
    private const string ApplyMediaType = "application/apply-patch+yaml";

    // Upstream's limit on a fieldManager name (validation of PatchOptions).
    private const int MaxFieldManagerLength = 128;

    /// <summary>
    /// Server-side apply (PATCH with <c>application/apply-patch+yaml</c>, KEP-555): the body is the manager's whole
    /// configuration (YAML or JSON); a missing object is created from it, an existing one merged with it by
    /// <see cref="FieldManager.Apply"/>. Fields other managers own answer 409 with FieldManagerConflict causes
    /// unless <c>force=true</c>. An apply that changes nothing writes nothing.
    /// </summary>
    private async Task ApplyAsync(HttpContext context, ResourceStorage storage, string ns, string name, bool statusOnly, bool dryRun)
    {
        var (config, manager, force, error) = await ReadApplyAsync(context, storage.Info, name).ConfigureAwait(false);
        if (error is not null)
        {
            await StatusResponses.WriteAsync(context, error).ConfigureAwait(false);
            return;
        }

        var subresource = statusOnly ? "status" : "";
        for (var attempt = 1; ; attempt++)
        {
            var current = await storage.GetAsync(ns, name, context.RequestAborted).ConfigureAwait(false);
            var missing = current.Error?.Code == StatusCodes.Status404NotFound && !statusOnly;
            if (current.Error is not null && !missing)
            {
                await StatusResponses.WriteAsync(context, current.Error).ConfigureAwait(false);
                return;
            }

            var live = missing ? null : ManagedFieldsTracking.ToJson(current.Object!);
            var request = ManagedFieldsTracking.Request(storage.Info, manager, subresource, storage.Now(), force);
            var outcome = FieldManager.Apply(live, current.Object?.Metadata?.ManagedFields, config!, storage.Info.Type, request);
            if (!outcome.Succeeded)
            {
                await StatusResponses.WriteAsync(context, outcome.Conflicts.Count > 0 ? ConflictStatus(outcome.Conflicts) : ApiErrors.BadRequest(outcome.Error)).ConfigureAwait(false);
                return;
            }

            var (obj, decodeError) = Decode(context, Utf8(outcome.Object), storage.Info);
            if (obj is null)
            {
                await StatusResponses.WriteAsync(context, decodeError!).ConfigureAwait(false);
                return;
            }

            Defaults.Apply(obj);
            if (obj is Pod pod)
            {
                // Upstream's DefaultTolerationSeconds admits updates too: an atomic tolerations list re-applied
                // without the defaulted entries gets them back (and so re-applying a pod changes nothing).
                DefaultTolerationSeconds.Apply(pod);
            }

            var meta = obj.Metadata ??= new ObjectMeta();
            meta.ManagedFields = outcome.ManagedFields;
            ObjectResult result;
            if (missing)
            {
                if (storage.Info.Namespaced && await NamespaceAdmissionAsync(storage.Info, ns, name, context.RequestAborted).ConfigureAwait(false) is { } refused)
                {
                    await StatusResponses.WriteAsync(context, refused).ConfigureAwait(false);
                    return;
                }

                (meta.Name, meta.ResourceVersion) = (name, null);
                result = await storage.CreateAsync(obj, ns, dryRun, context.RequestAborted).ConfigureAwait(false);
                if (result.Error?.Reason == StatusReasons.AlreadyExists && attempt < PatchAttempts)
                {
                    continue;
                }

                await Respond(context, StatusCodes.Status201Created, result).ConfigureAwait(false);
                return;
            }

            var pinned = config!["metadata"]?["resourceVersion"] is not null;
            meta.ResourceVersion ??= current.Object!.Metadata!.ResourceVersion;
            if (!pinned && KubeJson.Serialize(obj).AsSpan().SequenceEqual(KubeJson.Serialize(current.Object)))
            {
                await Respond(context, StatusCodes.Status200OK, current).ConfigureAwait(false);
                return;
            }

            var entries = meta.ManagedFields;
            result = await storage.UpdateAsync(obj, ns, name, statusOnly, dryRun, context.RequestAborted, (next, _) => next.Metadata!.ManagedFields = entries).ConfigureAwait(false);
            if (result.Error?.Reason == StatusReasons.Conflict && !pinned && attempt < PatchAttempts)
            {
                continue;
            }

            await Respond(context, StatusCodes.Status200OK, result).ConfigureAwait(false);
            return;
        }
    }

    private async Task<(JsonObject? Config, string Manager, bool Force, Status? Error)> ReadApplyAsync(HttpContext context, KubeTypeInfo info, string name)
    {
        var query = context.Request.Query;
        var manager = query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            return (null, "", false, PatchOptionsInvalid("fieldManager: Required value: is required for apply patch"));
        }

        if (manager.Length > MaxFieldManagerLength)
        {
            return (null, "", false, PatchOptionsInvalid($"fieldManager: Too long: may not be more than {MaxFieldManagerLength} bytes"));
        }

        var forceText = query["force"].ToString();
        if (forceText is not ("" or "true" or "false"))
        {
            return (null, "", false, ApiErrors.BadRequest($"force: Invalid value: \"{forceText}\": must be true or false"));
        }

        var (body, error) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return (null, "", false, error);
        }

        // YAML is a superset of JSON: one conversion reads both.
        if (!YamlBodies.TryConvertToJson(body, out var json, out var yamlError))
        {
            return (null, "", false, ApiErrors.BadRequest(yamlError));
        }

        JsonObject? config;
        try
        {
            config = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException e)
        {
            return (null, "", false, ApiErrors.BadRequest($"error decoding apply patch: {e.Message}"));
        }

        if (config is null)
        {
            return (null, "", false, ApiErrors.BadRequest("the apply patch must be an object"));
        }

        if (ConfigError(config, info, name) is { } configError)
        {
            return (null, "", false, configError);
        }

        return (config, manager, forceText == "true", null);
    }

    // An apply configuration names its type and may name the object; both must match the request.
    private static Status? ConfigError(JsonObject config, KubeTypeInfo info, string name)
    {
        if (Text(config["apiVersion"]) is not { Length: > 0 } apiVersion || Text(config["kind"]) is not { Length: > 0 } kind)
        {
            return ApiErrors.BadRequest("error decoding apply patch: Object 'Kind' and 'apiVersion' must be set");
        }

        if (apiVersion != info.ApiVersion || kind != info.Kind)
        {
            return ApiErrors.BadRequest($"the apply patch is for {apiVersion}, Kind={kind}, not for {info.ApiVersion}, Kind={info.Kind}");
        }

        if (Text(config["metadata"]?["name"]) is { Length: > 0 } named && named != name)
        {
            return ApiErrors.BadRequest($"the name of the object ({named}) does not match the name on the URL ({name})");
        }

        return null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // Upstream validates PatchOptions as an object named "": `PatchOptions.meta.k8s.io "" is invalid: …`.
    private static Status PatchOptionsInvalid(string detail) =>
        StatusResponses.Failure(StatusCodes.Status422UnprocessableEntity, StatusReasons.Invalid, $"PatchOptions.meta.k8s.io \"\" is invalid: {detail}",
            new StatusDetails { Group = "meta.k8s.io", Kind = "PatchOptions" });

    // apimachinery's NewApplyConflict: 409 Conflict, one FieldManagerConflict cause per field.
    private static Status ConflictStatus(IReadOnlyList<ApplyConflict> conflicts) =>
        StatusResponses.Failure(StatusCodes.Status409Conflict, StatusReasons.Conflict, FieldManager.ConflictMessage(conflicts), new StatusDetails
        {
            Causes = [.. conflicts.Select(c => new StatusCause { Reason = CauseTypes.FieldManagerConflict, Message = $"conflict with {c.Manager}", Field = c.Path })],
        });
}
