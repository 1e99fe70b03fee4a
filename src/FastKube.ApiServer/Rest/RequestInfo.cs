namespace FastKube.ApiServer.Rest;

/// <summary>
/// What a resource request asks for, parsed from method, path and query the way upstream's
/// RequestInfoFactory does: <c>/api/v1/...</c> is the core group, <c>/apis/{group}/{version}/...</c>
/// the others; a GET without a name is a list or (watch=true) a watch; a DELETE without a name is a
/// deletecollection. Paths that are not resource requests (discovery, health) yield null.
/// </summary>
internal sealed record RequestInfo(string Verb, string Group, string Version, string Namespace, string Resource, string Name, string Subresource)
{
    // Subresources of a namespace itself: /api/v1/namespaces/{name}/status and .../finalize.
    private static readonly HashSet<string> NamespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    public bool IsCollection => Name.Length == 0;

    /// <summary>Parses a request; <paramref name="query"/> reads one query parameter (null when absent).</summary>
    public static RequestInfo? Parse(string method, string path, Func<string, string?> query)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int i;
        string group;
        if (parts.Length >= 2 && parts[0] == "api")
        {
            group = "";
            i = 1;
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            group = parts[1];
            i = 2;
        }
        else
        {
            return null;
        }

        var version = parts[i++];
        var verb = method switch
        {
            "GET" or "HEAD" => "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => null,
        };
        if (verb is null)
        {
            return null;
        }

        // The deprecated /watch/ prefix: /api/v1/watch/namespaces/x/pods.
        if (i < parts.Length && parts[i] == "watch" && verb == "get")
        {
            verb = "watch";
            i++;
        }

        var rest = parts.AsSpan(i);
        if (rest.Length == 0)
        {
            return null; // /api/v1 itself: discovery
        }

        var ns = "";
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
        }

        var resource = rest[0];
        var name = rest.Length >= 2 ? rest[1] : "";
        var subresource = rest.Length >= 3 ? rest[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = IsTrue(query("watch")) ? "watch" : "list";
        }
        else if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestInfo(verb, group, version, ns, resource, name, subresource);
    }

    private static bool IsTrue(string? value) => value is "true" or "1";
}
