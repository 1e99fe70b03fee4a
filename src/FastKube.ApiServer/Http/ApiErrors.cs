using FastKube.Api;
using FastKube.Api.Meta;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Http;

/// <summary>The Status errors of the resource API, with upstream's reasons, codes and message shapes (apimachinery api/errors).</summary>
internal static class ApiErrors
{
    /// <summary>How upstream names a resource in messages: "pods", "deployments.apps".</summary>
    public static string QualifiedResource(KubeTypeInfo info) => info.Group.Length == 0 ? info.Resource : $"{info.Resource}.{info.Group}";

    public static Status NotFound(KubeTypeInfo info, string name) =>
        WithDetails(StatusCodes.Status404NotFound, StatusReasons.NotFound, $"{QualifiedResource(info)} \"{name}\" not found", info, name);

    public static Status AlreadyExists(KubeTypeInfo info, string name) =>
        WithDetails(StatusCodes.Status409Conflict, StatusReasons.AlreadyExists, $"{QualifiedResource(info)} \"{name}\" already exists", info, name);

    public static Status Conflict(KubeTypeInfo info, string name, string reason) =>
        WithDetails(StatusCodes.Status409Conflict, StatusReasons.Conflict, $"Operation cannot be fulfilled on {QualifiedResource(info)} \"{name}\": {reason}", info, name);

    /// <summary>403 as admission's NewForbidden: <c>configmaps "x" is forbidden: reason</c>.</summary>
    public static Status Forbidden(KubeTypeInfo info, string name, string reason) =>
        WithDetails(StatusCodes.Status403Forbidden, StatusReasons.Forbidden, $"{QualifiedResource(info)} \"{name}\" is forbidden: {reason}", info, name);

    public const string ModifiedConflict = "the object has been modified; please apply your changes to the latest version and try again";

    public static Status BadRequest(string message) =>
        StatusResponses.Failure(StatusCodes.Status400BadRequest, StatusReasons.BadRequest, message);

    /// <summary>410 for a resourceVersion older than the compaction (apimachinery NewResourceExpired).</summary>
    public static Status Expired(string message) =>
        StatusResponses.Failure(StatusCodes.Status410Gone, StatusReasons.Expired, message);

    public static Status MethodNotAllowed(string verb, KubeTypeInfo info) =>
        StatusResponses.Failure(StatusCodes.Status405MethodNotAllowed, StatusReasons.MethodNotAllowed,
            $"{verb} is not supported on resources of kind \"{QualifiedResource(info)}\"");

    public static Status NotFoundPath(string path) =>
        StatusResponses.Failure(StatusCodes.Status404NotFound, StatusReasons.NotFound, "the server could not find the requested resource", new StatusDetails { Causes = [new StatusCause { Reason = "UnexpectedServerResponse", Message = $"404 page not found: {path}" }] });

    public static Status UnsupportedMediaType(string contentType) =>
        StatusResponses.Failure(StatusCodes.Status415UnsupportedMediaType, StatusReasons.UnsupportedMediaType,
            $"the body of the request was in an unknown format ({contentType}) - accepted media types include: application/json, application/yaml");

    public static Status TooLarge() =>
        StatusResponses.Failure(StatusCodes.Status413RequestEntityTooLarge, StatusReasons.RequestEntityTooLarge, "the server has received too large of a request");

    public static Status Internal(string message) =>
        StatusResponses.Failure(StatusCodes.Status500InternalServerError, StatusReasons.InternalError, $"Internal error occurred: {message}");

    /// <summary>504 for a resourceVersion the store has not reached (upstream waits, then answers "Too large resource version").</summary>
    public static Status TooLargeResourceVersion(long requested, long current) =>
        StatusResponses.Failure(StatusCodes.Status504GatewayTimeout, StatusReasons.Timeout,
            $"Too large resource version: {requested}, current: {current}",
            new StatusDetails { Causes = [new StatusCause { Reason = "ResourceVersionTooLarge", Message = "Too large resource version" }], RetryAfterSeconds = 1 });

    private static Status WithDetails(int code, string reason, string message, KubeTypeInfo info, string name) =>
        StatusResponses.Failure(code, reason, message, new StatusDetails { Name = name, Group = info.Group, Kind = info.Resource });
}
