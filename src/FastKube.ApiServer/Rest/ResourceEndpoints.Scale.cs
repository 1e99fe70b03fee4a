using System.Text.Json;
using System.Text.Json.Nodes;
using FastKube.Api.Apps;
using FastKube.Api.Autoscaling;
using FastKube.Api.Meta;
using FastKube.Api.Patching;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

internal sealed partial class ResourceEndpoints
{
    /// <summary>
    /// The <c>scale</c> subresource of deployments, replicasets and statefulsets (autoscaling/v1 Scale):
    /// get, update and patch read or change <c>spec.replicas</c> only; the Scale's resourceVersion, when
    /// given, must be the object's current one.
    /// </summary>
    private async Task ScaleAsync(HttpContext context, ResourceStorage storage, string ns, string name, string verb, bool dryRun)
    {
        var current = await storage.GetAsync(ns, name, context.RequestAborted).ConfigureAwait(false);
        if (current.Error is not null)
        {
            await StatusResponses.WriteAsync(context, current.Error).ConfigureAwait(false);
            return;
        }

        Scale? wanted;
        Status? error = null;
        switch (verb)
        {
            case "get":
                await WriteScale(context, current.Object!).ConfigureAwait(false);
                return;
            case "update":
                var (body, readError) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
                (wanted, error) = body is null ? (null, readError) : DecodeScale(body);
                break;
            case "patch":
                var (mediaType, patch, patchError) = await ReadPatchAsync(context).ConfigureAwait(false);
                if (patchError is not null)
                {
                    (wanted, error) = (null, patchError);
                    break;
                }

                var patched = ApplyPatch(mediaType, JsonNode.Parse(KubeJson.Serialize(ScaleOf(current.Object!))), patch, typeof(Scale));
                (wanted, error) = patched.Status == PatchStatus.Ok ? DecodeScale(Utf8(patched.Document)) : (null, PatchError(patched));
                break;
            default:
                (wanted, error) = (null, ApiErrors.MethodNotAllowed(verb, storage.Info));
                break;
        }

        if (wanted is null)
        {
            await StatusResponses.WriteAsync(context, error!).ConfigureAwait(false);
            return;
        }

        var obj = current.Object!;
        if (wanted.Metadata?.ResourceVersion is { Length: > 0 } rv)
        {
            obj.Metadata!.ResourceVersion = rv;
        }

        SetReplicas(obj, wanted.Spec?.Replicas ?? 0);
        var tracking = ManagedFieldsTracking.OnUpdate(storage.Info, ManagedFieldsTracking.Manager(context), "scale", storage.Now());
        var result = await storage.UpdateAsync(obj, ns, name, statusOnly: false, dryRun, context.RequestAborted, tracking).ConfigureAwait(false);
        if (result.Error is not null)
        {
            await StatusResponses.WriteAsync(context, result.Error).ConfigureAwait(false);
            return;
        }

        await WriteScale(context, result.Object!).ConfigureAwait(false);
    }

    private static (Scale? Scale, Status? Error) DecodeScale(ReadOnlySpan<byte> body)
    {
        try
        {
            var scale = KubeJson.Deserialize<Scale>(body);
            return scale?.Spec?.Replicas is < 0
                ? (null, StatusResponses.Failure(StatusCodes.Status422UnprocessableEntity, StatusReasons.Invalid, $"Scale.autoscaling \"{scale.Metadata?.Name}\" is invalid: spec.replicas: Invalid value: {scale.Spec.Replicas}: must be greater than or equal to 0"))
                : scale is null ? (null, ApiErrors.BadRequest("the request body is empty or null; a Scale is required")) : (scale, null);
        }
        catch (JsonException e)
        {
            return (null, ApiErrors.BadRequest($"error decoding Scale at {e.Path ?? "$"}: {e.Message}"));
        }
    }

    private static Task WriteScale(HttpContext context, KubeObject obj) =>
        Respond(context, StatusCodes.Status200OK, new ObjectResult(ScaleOf(obj), null));

    private static Scale ScaleOf(KubeObject obj)
    {
        var (replicas, statusReplicas, selector) = obj switch
        {
            Deployment d => (d.Spec?.Replicas, d.Status?.Replicas, d.Spec?.Selector),
            ReplicaSet r => (r.Spec?.Replicas, r.Status?.Replicas, r.Spec?.Selector),
            StatefulSet s => (s.Spec?.Replicas, s.Status?.Replicas, s.Spec?.Selector),
            _ => throw new InvalidOperationException($"{obj.GetType().Name} has no scale subresource"),
        };
        Api.Labels.Selector.TryFrom(selector, out var parsed, out _);
        return new Scale
        {
            ApiVersion = Scale.GroupVersion,
            Kind = Scale.KindName,
            Metadata = new ObjectMeta
            {
                Name = obj.Metadata?.Name,
                Namespace = obj.Metadata?.Namespace,
                Uid = obj.Metadata?.Uid,
                ResourceVersion = obj.Metadata?.ResourceVersion,
                CreationTimestamp = obj.Metadata?.CreationTimestamp,
            },
            Spec = new ScaleSpec { Replicas = replicas ?? 0 },
            Status = new ScaleStatus { Replicas = statusReplicas ?? 0, Selector = parsed.ToString() },
        };
    }

    private static void SetReplicas(KubeObject obj, int replicas)
    {
        switch (obj)
        {
            case Deployment d:
                (d.Spec ??= new DeploymentSpec()).Replicas = replicas;
                break;
            case ReplicaSet r:
                (r.Spec ??= new ReplicaSetSpec()).Replicas = replicas;
                break;
            case StatefulSet s:
                (s.Spec ??= new StatefulSetSpec()).Replicas = replicas;
                break;
        }
    }
}
