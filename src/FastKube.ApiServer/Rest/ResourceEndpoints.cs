using System.Globalization;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Fields;
using FastKube.Api.Labels;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.Protobuf;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Metrics;
using FastKube.ApiServer.Printing;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

/// <summary>
/// The resource API: one terminal handler for every <see cref="RequestInfo"/>, dispatching by verb to
/// the resource's <see cref="ResourceStorage"/>. Bodies are Kubernetes JSON; every error is a Status.
/// </summary>
internal sealed partial class ResourceEndpoints(IReadOnlyDictionary<(string Group, string Version, string Resource), ResourceStorage> storages, ApiServerOptions options, ApiMetrics metrics, Kubelet.KubeletClient kubelets)
{
    private const string Json = "application/json";

    private static readonly HashSet<string> ImmortalNamespaces = new(StringComparer.Ordinal) { "default", "kube-system", "kube-public" };

    public async Task HandleAsync(HttpContext context, RequestInfo request)
    {
        if (!storages.TryGetValue((request.Group, request.Version, request.Resource), out var storage)
            || request.Subresource is not ("" or "status" or "scale" or "binding" or "log" or "finalize")
            || (request.Subresource is "binding" or "log" && storage.Info.Type != typeof(Api.Core.Pod))
            || (request.Subresource == "finalize" && storage.Info.Type != typeof(Namespace))
            || (request.Subresource == "status" && !storage.Info.HasStatus)
            || (request.Subresource == "scale" && !storage.Info.HasScale)
            || (!storage.Info.Namespaced && request.Namespace.Length > 0 && request.Resource != "namespaces")
            || (storage.Info.Namespaced && request.Namespace.Length == 0 && request.Name.Length > 0))
        {
            await StatusResponses.WriteAsync(context, ApiErrors.NotFoundPath(context.Request.Path)).ConfigureAwait(false);
            return;
        }

        var ns = storage.Info.Namespaced ? request.Namespace : "";
        var statusOnly = request.Subresource == "status";
        var ct = context.RequestAborted;
        var query = context.Request.Query;
        var dryRun = query["dryRun"].ToString() == "All";
        Task work = request.Verb switch
        {
            "get" or "update" or "patch" when request.Subresource == "scale" => ScaleAsync(context, storage, ns, request.Name, request.Verb, dryRun),
            "create" when request.Subresource == "binding" => BindAsync(context, storage, ns, request.Name),
            "get" when request.Subresource == "log" => LogAsync(context, storage, ns, request.Name),
            "update" when request.Subresource == "finalize" => FinalizeAsync(context, storage, request.Name, dryRun),
            _ when request.Subresource is "binding" or "log" or "finalize" => StatusResponses.WriteAsync(context, ApiErrors.MethodNotAllowed(request.Verb, storage.Info)),
            "get" when query["watch"] is ["true" or "1"] => WatchAsync(context, storage, ns, request.Name),
            "get" => GetAsync(context, storage, ns, request.Name),
            "list" => ListAsync(context, storage, ns),
            "watch" => WatchAsync(context, storage, ns, request.Name),
            "create" when !statusOnly => CreateAsync(context, storage, ns, dryRun),
            "update" => UpdateAsync(context, storage, ns, request.Name, statusOnly, dryRun),
            "patch" => PatchAsync(context, storage, ns, request.Name, statusOnly, dryRun),
            "delete" when !statusOnly => DeleteAsync(context, storage, ns, request.Name, dryRun),
            "deletecollection" => DeleteCollectionAsync(context, storage, ns, dryRun),
            _ => StatusResponses.WriteAsync(context, ApiErrors.MethodNotAllowed(request.Verb, storage.Info)),
        };
        await work.ConfigureAwait(false);
    }

    private static async Task GetAsync(HttpContext context, ResourceStorage storage, string ns, string name)
    {
        var result = await storage.GetAsync(ns, name, context.RequestAborted).ConfigureAwait(false);
        if (result.Object is not null && TableWriter.Requested(context.Request) is { } include)
        {
            await WriteJson(context, json => TableWriter.Write(json, storage.Info, [result.Object], TableWriter.ResourceVersionOf(result.Object), null, include, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            return;
        }

        await Respond(context, StatusCodes.Status200OK, result).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context, ResourceStorage storage, string ns)
    {
        if (ParseListOptions(context.Request.Query, out var listOptions) is { } error)
        {
            await StatusResponses.WriteAsync(context, error).ConfigureAwait(false);
            return;
        }

        if (context.Request.Query.ContainsKey("sendInitialEvents"))
        {
            await StatusResponses.WriteAsync(context, ApiErrors.BadRequest("sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list")).ConfigureAwait(false);
            return;
        }

        var list = await storage.ListAsync(ns, listOptions, context.RequestAborted).ConfigureAwait(false);
        if (list.Error is not null)
        {
            await StatusResponses.WriteAsync(context, list.Error).ConfigureAwait(false);
            return;
        }

        if (TableWriter.Requested(context.Request) is { } include)
        {
            await WriteJson(context, json => TableWriter.Write(json, storage.Info, list.Items, TableWriter.ResourceVersionOf(list.Revision), list.Continue, include, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            return;
        }

        await ListWriter.WriteAsync(context, storage.Info, list, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static Task WriteJson(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Json;
        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    private async Task CreateAsync(HttpContext context, ResourceStorage storage, string ns, bool dryRun)
    {
        var (obj, error) = await DecodeBodyAsync(context, storage.Info).ConfigureAwait(false);
        if (obj is null)
        {
            await StatusResponses.WriteAsync(context, error!).ConfigureAwait(false);
            return;
        }

        // NamespaceLifecycle admission: objects go only into namespaces that exist and are not terminating.
        if (storage.Info.Namespaced && await NamespaceAdmissionAsync(storage.Info, ns, obj.Metadata?.Name ?? "", context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            await StatusResponses.WriteAsync(context, refused).ConfigureAwait(false);
            return;
        }

        Defaults.Apply(obj);
        if (obj is Pod pod)
        {
            DefaultTolerationSeconds.Apply(pod);
        }

        ManagedFieldsTracking.OnCreate(obj, storage.Info, ManagedFieldsTracking.Manager(context), storage.Now());
        await Respond(context, StatusCodes.Status201Created, await storage.CreateAsync(obj, ns, dryRun, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context, ResourceStorage storage, string ns, string name, bool statusOnly, bool dryRun)
    {
        var (obj, error) = await DecodeBodyAsync(context, storage.Info).ConfigureAwait(false);
        if (obj is null)
        {
            await StatusResponses.WriteAsync(context, error!).ConfigureAwait(false);
            return;
        }

        Defaults.Apply(obj);
        var tracking = ManagedFieldsTracking.OnUpdate(storage.Info, ManagedFieldsTracking.Manager(context), statusOnly ? "status" : "", storage.Now());
        await Respond(context, StatusCodes.Status200OK, await storage.UpdateAsync(obj, ns, name, statusOnly, dryRun, context.RequestAborted, tracking).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, ResourceStorage storage, string ns, string name, bool dryRun)
    {
        // NamespaceLifecycle admission keeps the namespaces every cluster relies on.
        if (storage.Info.Type == typeof(Namespace) && ImmortalNamespaces.Contains(name))
        {
            await StatusResponses.WriteAsync(context, ApiErrors.Forbidden(storage.Info, name, "this namespace may not be deleted")).ConfigureAwait(false);
            return;
        }

        var (deleteOptions, error) = await ReadDeleteOptionsAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            await StatusResponses.WriteAsync(context, error).ConfigureAwait(false);
            return;
        }

        var result = await storage.DeleteAsync(ns, name, deleteOptions, dryRun || deleteOptions?.DryRun?.Contains("All") == true, context.RequestAborted).ConfigureAwait(false);
        // Upstream answers 202 Accepted while the deletion waits on a grace period or finalizers; a namespace
        // marked Terminating is answered 200, as the namespace registry does.
        var pending = result.Object?.Metadata?.DeletionTimestamp is not null && storage.Info.Type != typeof(Namespace);
        await Respond(context, pending ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, result).ConfigureAwait(false);
    }

    private async Task FinalizeAsync(HttpContext context, ResourceStorage storage, string name, bool dryRun)
    {
        var (obj, error) = await DecodeBodyAsync(context, storage.Info).ConfigureAwait(false);
        if (obj is null)
        {
            await StatusResponses.WriteAsync(context, error!).ConfigureAwait(false);
            return;
        }

        await Respond(context, StatusCodes.Status200OK, await storage.FinalizeNamespaceAsync((Namespace)obj, name, dryRun, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceStorage storage, string ns, bool dryRun)
    {
        var listError = ParseListOptions(context.Request.Query, out var listOptions);
        var (deleteOptions, error) = listError is null ? await ReadDeleteOptionsAsync(context).ConfigureAwait(false) : (null, listError);
        if (error is not null)
        {
            await StatusResponses.WriteAsync(context, error).ConfigureAwait(false);
            return;
        }

        var list = await storage.ListAsync(ns, listOptions with { Limit = 0, Continue = null }, context.RequestAborted).ConfigureAwait(false);
        if (list.Error is not null)
        {
            await StatusResponses.WriteAsync(context, list.Error).ConfigureAwait(false);
            return;
        }

        var deleted = new List<KubeObject>();
        foreach (var item in list.Items)
        {
            var result = await storage.DeleteAsync(item.Metadata!.Namespace ?? "", item.Metadata.Name!, deleteOptions, dryRun, context.RequestAborted).ConfigureAwait(false);
            if (result.Object is not null)
            {
                deleted.Add(result.Object);
            }
            else if (result.Error?.Code != StatusCodes.Status404NotFound)
            {
                await StatusResponses.WriteAsync(context, result.Error!).ConfigureAwait(false);
                return;
            }
        }

        await ListWriter.WriteAsync(context, storage.Info, list with { Items = deleted, Continue = null, Cached = null }, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private async Task<Status?> NamespaceAdmissionAsync(KubeTypeInfo info, string ns, string name, CancellationToken cancellationToken)
    {
        // As upstream's NamespaceLifecycle plugin: the namespace from the cache, and a live read only when
        // the cache does not have it (yet), so a namespace created a moment ago is still found.
        var namespaces = storages[("", "v1", "namespaces")];
        var obj = namespaces.Cache?.Get(ResourceKeys.Object(namespaces.Info, "", ns))?.Object;
        if (obj is null)
        {
            var found = await namespaces.GetAsync("", ns, cancellationToken).ConfigureAwait(false);
            if (found.Error is not null)
            {
                return found.Error;
            }

            obj = found.Object!;
        }

        if (obj.Metadata!.DeletionTimestamp is null)
        {
            return null;
        }

        var refused = ApiErrors.Forbidden(info, name, $"unable to create new content in namespace {ns} because it is being terminated");
        refused.Details!.Causes = [new StatusCause { Reason = "NamespaceTerminating", Message = $"namespace {ns} is being terminated", Field = "metadata.namespace" }];
        return refused;
    }

    private async Task<(KubeObject? Object, Status? Error)> DecodeBodyAsync(HttpContext context, KubeTypeInfo info)
    {
        var mediaType = RequestBody.MediaType(context);
        var protobuf = mediaType == KubeProtobuf.ContentType && KubeProtobuf.Supports(info.ApiVersion, info.Kind);
        if (mediaType is not ("" or Json or YamlBodies.MediaType) && !protobuf)
        {
            return (null, ApiErrors.UnsupportedMediaType(mediaType));
        }

        var (body, error) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return (null, error);
        }

        if (protobuf)
        {
            // kubectl's typed create subcommands send protobuf; it becomes JSON and takes the same path.
            if (!KubeProtobuf.TryDecodeToJson(body, out var json, out var protobufError))
            {
                return (null, ApiErrors.BadRequest(protobufError));
            }

            return Decode(context, Utf8(json), info);
        }

        if (mediaType == YamlBodies.MediaType)
        {
            return YamlBodies.TryConvertToJson(body, out var json, out var yamlError)
                ? Decode(context, json, info)
                : (null, ApiErrors.BadRequest(yamlError));
        }

        return Decode(context, body, info);
    }

    private static (KubeObject? Object, Status? Error) Decode(HttpContext context, ReadOnlySpan<byte> body, KubeTypeInfo info)
    {
        if (FieldValidationDecoder.TryParse(context.Request.Query, out var mode) is { } modeError)
        {
            return (null, modeError);
        }

        KubeObject? obj;
        try
        {
            obj = FieldValidationDecoder.Deserialize(body, info, mode, out var problems) as KubeObject;
            if (problems.Count > 0 && mode == FieldValidation.Strict)
            {
                return (null, ApiErrors.BadRequest(FieldValidationDecoder.StrictError(info, problems)));
            }

            foreach (var problem in problems)
            {
                // RFC 7234 warn-code 299 with agent "-", as kube-apiserver sends field-validation warnings.
                context.Response.Headers.Append("Warning", $"299 - \"{problem.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
            }
        }
        catch (JsonException e)
        {
            return (null, ApiErrors.BadRequest($"error decoding request body at {e.Path ?? "$"}: {e.Message}"));
        }

        if (obj is null)
        {
            return (null, ApiErrors.BadRequest("the request body is empty or null; an object is required"));
        }

        if (obj.ApiVersion is { Length: > 0 } apiVersion && apiVersion != info.ApiVersion)
        {
            return (null, ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({info.ApiVersion})"));
        }

        if (obj.Kind is { Length: > 0 } kind && kind != info.Kind)
        {
            return (null, ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({info.Kind})"));
        }

        return (obj, null);
    }

    private async Task<(DeleteOptions? Options, Status? Error)> ReadDeleteOptionsAsync(HttpContext context)
    {
        DeleteOptions? deleteOptions = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, error) = await RequestBody.ReadAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
            if (body is null)
            {
                return (null, error);
            }

            if (body.Length > 0)
            {
                try
                {
                    deleteOptions = KubeJson.Deserialize<DeleteOptions>(body);
                }
                catch (JsonException e)
                {
                    return (null, ApiErrors.BadRequest($"error decoding DeleteOptions at {e.Path ?? "$"}: {e.Message}"));
                }
            }
        }

        var query = context.Request.Query;
        if (query.TryGetValue("gracePeriodSeconds", out var grace))
        {
            if (!long.TryParse(grace, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                return (null, ApiErrors.BadRequest($"gracePeriodSeconds: Invalid value: \"{grace}\": must be an integer"));
            }

            (deleteOptions ??= new DeleteOptions()).GracePeriodSeconds = seconds;
        }

        if (query.TryGetValue("propagationPolicy", out var propagation))
        {
            var policy = propagation.ToString();
            if (policy is not (DeletionPropagation.Orphan or DeletionPropagation.Background or DeletionPropagation.Foreground))
            {
                return (null, ApiErrors.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\""));
            }

            (deleteOptions ??= new DeleteOptions()).PropagationPolicy = policy;
        }

        return (deleteOptions, null);
    }

    private static Status? ParseListOptions(IQueryCollection query, out ListOptions listOptions)
    {
        listOptions = ListOptions.Everything;
        var labels = Selector.Everything;
        var fields = FieldSelector.Everything;
        if (query.TryGetValue("labelSelector", out var labelText) && !Selector.TryParse(labelText.ToString(), out labels, out var labelError))
        {
            return ApiErrors.BadRequest($"unable to parse labelSelector \"{labelText}\": {labelError}");
        }

        if (query.TryGetValue("fieldSelector", out var fieldText) && !FieldSelector.TryParse(fieldText.ToString(), out fields, out var fieldError))
        {
            return ApiErrors.BadRequest(fieldError);
        }

        var limit = 0;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit)))
        {
            return ApiErrors.BadRequest($"limit: Invalid value: \"{limitText}\": must be a non-negative integer");
        }

        listOptions = new ListOptions(labels, fields, limit, NullIfEmpty(query["continue"]), NullIfEmpty(query["resourceVersion"]), NullIfEmpty(query["resourceVersionMatch"]));
        return null;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || string.IsNullOrEmpty(value[0]) ? null : value[0];

    private static Task Respond(HttpContext context, int code, ObjectResult result)
    {
        if (result.Error is not null)
        {
            return StatusResponses.WriteAsync(context, result.Error);
        }

        context.Response.StatusCode = code;
        var msgpack = MsgPackObjects.Requested(context.Request);
        context.Response.ContentType = msgpack ? KubeMsgPack.ContentType : Json;
        var body = msgpack ? MsgPackObjects.Encode(result.Object!) : KubeJson.Serialize(result.Object);
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
