using System.Text.Json;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

internal sealed partial class ResourceEndpoints
{
    /// <summary>
    /// <c>POST pods/{name}/binding</c>, how a scheduler places a pod (upstream BindingREST): the pod gets
    /// <c>spec.nodeName</c>, the binding's annotations, and PodScheduled=True; a pod already on a node or
    /// being deleted answers 409. The answer is a Success Status with code 201, as upstream's.
    /// </summary>
    private async Task BindAsync(HttpContext context, ResourceStorage pods, string ns, string name)
    {
        var (body, readError) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await StatusResponses.WriteAsync(context, readError!).ConfigureAwait(false);
            return;
        }

        Binding? binding;
        try
        {
            binding = KubeJson.Deserialize<Binding>(body);
        }
        catch (JsonException e)
        {
            await StatusResponses.WriteAsync(context, ApiErrors.BadRequest($"error decoding Binding at {e.Path ?? "$"}: {e.Message}")).ConfigureAwait(false);
            return;
        }

        var node = binding?.Target?.Name;
        var refused = binding?.Metadata?.Name is { Length: > 0 } bound && bound != name ? ApiErrors.BadRequest($"the name of the binding ({bound}) does not match the name on the URL ({name})")
            : string.IsNullOrEmpty(node) ? StatusResponses.Failure(StatusCodes.Status422UnprocessableEntity, StatusReasons.Invalid, $"Binding \"{name}\" is invalid: target.name: Required value")
            : binding!.Target!.Kind is { Length: > 0 } kind && kind != Node.KindName ? StatusResponses.Failure(StatusCodes.Status422UnprocessableEntity, StatusReasons.Invalid, $"Binding \"{name}\" is invalid: target.kind: Invalid value: \"{kind}\": must be empty or 'Node'")
            : null;
        if (refused is not null)
        {
            await StatusResponses.WriteAsync(context, refused).ConfigureAwait(false);
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var result = await pods.GuaranteedUpdateAsync(ns, name, obj =>
        {
            var pod = (Pod)obj;
            if (pod.Metadata!.DeletionTimestamp is not null)
            {
                return ApiErrors.Conflict(pods.Info, name, $"pod {name} is being deleted, cannot be assigned to a host");
            }

            if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
            {
                return ApiErrors.Conflict(pods.Info, name, $"pod {name} is already assigned to node \"{pod.Spec.NodeName}\"");
            }

            (pod.Spec ??= new PodSpec()).NodeName = node;
            foreach (var (key, value) in binding!.Metadata?.Annotations ?? [])
            {
                (pod.Metadata.Annotations ??= [])[key] = value;
            }

            var conditions = (pod.Status ??= new PodStatus()).Conditions ??= [];
            conditions.RemoveAll(c => c.Type == "PodScheduled");
            conditions.Add(new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) });
            return null;
        }, context.RequestAborted).ConfigureAwait(false);
        if (result.Error is not null)
        {
            await StatusResponses.WriteAsync(context, result.Error).ConfigureAwait(false);
            return;
        }

        await StatusResponses.WriteAsync(context, new Status
        {
            Kind = Status.KindName,
            ApiVersion = Status.GroupVersion,
            Metadata = new ListMeta(),
            Outcome = Status.Success,
            Code = StatusCodes.Status201Created,
        }).ConfigureAwait(false);
    }
}
