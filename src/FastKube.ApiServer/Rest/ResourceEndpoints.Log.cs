using System.Globalization;
using System.Net;
using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

internal sealed partial class ResourceEndpoints
{
    // The PodLogOptions query parameters the agent's /containerLogs understands (upstream passes the same set).
    private static readonly string[] LogParameters = ["follow", "previous", "timestamps", "tailLines", "limitBytes", "sinceSeconds", "sinceTime"];

    // Upstream's default --kubelet-preferred-address-types starts with Hostname; FastKube agents report an
    // InternalIP that is always reachable, so that comes first (what kubeadm users commonly configure).
    private static readonly string[] PreferredAddressTypes = ["InternalIP", "InternalDNS", "Hostname", "ExternalIP", "ExternalDNS"];

    // Upstream reads at most this much of an agent's error body into the Status message.
    private const int MaxErrorBodyBytes = 50_000;

    /// <summary>
    /// <c>GET pods/{name}/log</c> (upstream LogREST): validates the PodLogOptions, picks the container,
    /// and streams <c>/containerLogs/{ns}/{pod}/{container}</c> from the node agent of the pod's node.
    /// A pod not yet on a node has no logs: an empty 200, as upstream answers.
    /// </summary>
    private async Task LogAsync(HttpContext context, ResourceStorage pods, string ns, string name)
    {
        var query = context.Request.Query;
        if (ValidateLogOptions(query, name) is { } invalid)
        {
            await StatusResponses.WriteAsync(context, invalid).ConfigureAwait(false);
            return;
        }

        var read = await pods.GetAsync(ns, name, context.RequestAborted).ConfigureAwait(false);
        if (read.Error is not null)
        {
            await StatusResponses.WriteAsync(context, read.Error).ConfigureAwait(false);
            return;
        }

        var pod = (Pod)read.Object!;
        var (container, refused) = LogContainer(pod, query["container"].ToString());
        if (refused is not null)
        {
            await StatusResponses.WriteAsync(context, refused).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            context.Response.ContentType = "text/plain";
            return;
        }

        var nodes = storages[("", "v1", "nodes")];
        var nodeRead = await nodes.GetAsync("", pod.Spec.NodeName, context.RequestAborted).ConfigureAwait(false);
        if (nodeRead.Error is not null)
        {
            await StatusResponses.WriteAsync(context, nodeRead.Error).ConfigureAwait(false);
            return;
        }

        if (AgentLogUri((Node)nodeRead.Object!, ns, name, container!, query) is not { } uri)
        {
            await StatusResponses.WriteAsync(context, ApiErrors.Internal($"node \"{pod.Spec.NodeName}\" reports no address or agent port")).ConfigureAwait(false);
            return;
        }

        await StreamFromAgentAsync(context, uri).ConfigureAwait(false);
    }

    private async Task StreamFromAgentAsync(HttpContext context, Uri uri)
    {
        HttpResponseMessage response;
        try
        {
            response = await kubelets.GetAsync(uri, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await StatusResponses.WriteAsync(context, ApiErrors.Internal($"Get \"{uri}\": {e.Message}")).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // Upstream (GenericHttpResponseChecker) turns the agent's refusal into a Status with its code and text.
                var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
                var message = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxErrorBodyBytes)).Trim();
                var code = (int)response.StatusCode;
                await StatusResponses.WriteAsync(context, StatusResponses.Failure(code, ReasonFor(code), message)).ConfigureAwait(false);
                return;
            }

            context.Response.ContentType = "text/plain";
            var source = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
            try
            {
                // Each chunk is written (and so flushed) as it arrives: `kubectl logs -f` sees lines live.
                await source.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (IOException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away mid-stream; nothing to answer.
            }
        }
    }

    private static string ReasonFor(int code) => code switch
    {
        StatusCodes.Status400BadRequest => StatusReasons.BadRequest,
        StatusCodes.Status401Unauthorized => StatusReasons.Unauthorized,
        StatusCodes.Status403Forbidden => StatusReasons.Forbidden,
        StatusCodes.Status404NotFound => StatusReasons.NotFound,
        _ => StatusReasons.InternalError,
    };

    /// <summary>Upstream's ValidatePodLogOptions: 422 naming the field.</summary>
    private static Status? ValidateLogOptions(IQueryCollection query, string name)
    {
        var causes = new List<StatusCause>();
        void Check(string field, Func<long, bool> ok, string rule)
        {
            var text = query[field].ToString();
            if (text.Length == 0)
            {
                return;
            }

            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || !ok(value))
            {
                causes.Add(new StatusCause { Reason = "FieldValueInvalid", Field = field, Message = $"Invalid value: {text}: {rule}" });
            }
        }

        Check("tailLines", v => v >= 0, "must be greater than or equal to 0");
        Check("limitBytes", v => v >= 1, "must be greater than 0");
        Check("sinceSeconds", v => v >= 1, "must be greater than 0");
        var sinceTime = query["sinceTime"].ToString();
        if (sinceTime.Length > 0 && !DateTimeOffset.TryParse(sinceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            causes.Add(new StatusCause { Reason = "FieldValueInvalid", Field = "sinceTime", Message = $"Invalid value: \"{sinceTime}\": must be an RFC 3339 time" });
        }

        if (query["sinceSeconds"].ToString().Length > 0 && sinceTime.Length > 0)
        {
            causes.Add(new StatusCause { Reason = "FieldValueForbidden", Field = "", Message = "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified" });
        }

        if (causes.Count == 0)
        {
            return null;
        }

        var summary = string.Join(", ", causes.Select(c => c.Field is { Length: > 0 } f ? $"{f}: {c.Message}" : c.Message));
        return StatusResponses.Failure(StatusCodes.Status422UnprocessableEntity, StatusReasons.Invalid, $"PodLogOptions \"{name}\" is invalid: {summary}",
            new StatusDetails { Name = name, Kind = "PodLogOptions", Causes = causes });
    }

    /// <summary>The container to read: the one named, or the only one (upstream's validateContainer messages).</summary>
    private static (string? Container, Status? Refused) LogContainer(Pod pod, string requested)
    {
        var containers = pod.Spec?.Containers?.Select(c => c.Name ?? "").ToList() ?? [];
        var init = pod.Spec?.InitContainers?.Select(c => c.Name ?? "").ToList() ?? [];
        var name = pod.Metadata?.Name;
        if (requested.Length == 0)
        {
            if (containers.Count == 1)
            {
                return (containers[0], null);
            }

            var message = $"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]";
            if (init.Count > 0)
            {
                message += $" or one of the init containers: [{string.Join(' ', init)}]";
            }

            return (null, ApiErrors.BadRequest(message));
        }

        return containers.Contains(requested) || init.Contains(requested)
            ? (requested, null)
            : (null, ApiErrors.BadRequest($"container {requested} is not valid for pod {name}"));
    }

    private static Uri? AgentLogUri(Node node, string ns, string pod, string container, IQueryCollection query)
    {
        var port = node.Status?.DaemonEndpoints?.KubeletEndpoint?.Port ?? 0;
        var addresses = node.Status?.Addresses ?? [];
        var address = PreferredAddressTypes
            .Select(type => addresses.FirstOrDefault(a => a.Type == type && !string.IsNullOrEmpty(a.Address))?.Address)
            .FirstOrDefault(a => a is not null);
        if (address is null || port <= 0)
        {
            return null;
        }

        var host = IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
        var path = $"/containerLogs/{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(pod)}/{Uri.EscapeDataString(container)}";
        var parameters = LogParameters
            .Where(p => query[p].ToString().Length > 0)
            .Select(p => $"{p}={Uri.EscapeDataString(query[p].ToString())}");
        var uri = new UriBuilder("https", host, port, path) { Query = string.Join('&', parameters) };
        return uri.Uri;
    }
}
