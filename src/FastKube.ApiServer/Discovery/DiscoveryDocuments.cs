using System.Text.Json;
using FastKube.Api;

namespace FastKube.ApiServer.Discovery;

/// <summary>
/// Legacy discovery (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/{group}/{version}</c>) rendered
/// once from <see cref="KubeTypes"/>: kubectl reads it to map kinds to resources. kubectl asks for
/// aggregated discovery first and falls back to these documents when the answer is plain JSON.
/// </summary>
internal sealed class DiscoveryDocuments
{
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    private readonly Dictionary<string, byte[]> _documents = new(StringComparer.Ordinal);

    public DiscoveryDocuments(IReadOnlyList<KubeTypeInfo> types)
    {
        _documents["/api"] = JsonDocumentBuilder.Render(json =>
        {
            json.WriteString("kind", "APIVersions");
            json.WriteStartArray("versions");
            json.WriteStringValue("v1");
            json.WriteEndArray();
            json.WriteStartArray("serverAddressByClientCIDRs");
            json.WriteEndArray();
        });
        var groups = types.Where(t => t.Group.Length > 0).GroupBy(t => t.Group).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        _documents["/apis"] = JsonDocumentBuilder.Render(json =>
        {
            json.WriteString("kind", "APIGroupList");
            json.WriteString("apiVersion", "v1");
            json.WriteStartArray("groups");
            foreach (var group in groups)
            {
                var version = group.First().Version;
                json.WriteStartObject();
                json.WriteString("name", group.Key);
                json.WriteStartArray("versions");
                WriteGroupVersion(json, group.Key, version);
                json.WriteEndArray();
                json.WritePropertyName("preferredVersion");
                WriteGroupVersion(json, group.Key, version);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
        foreach (var groupVersion in types.GroupBy(t => t.ApiVersion))
        {
            var path = groupVersion.First().Group.Length == 0 ? "/api/v1" : $"/apis/{groupVersion.Key}";
            _documents[path] = JsonDocumentBuilder.Render(json =>
            {
                json.WriteString("kind", "APIResourceList");
                json.WriteString("apiVersion", "v1");
                json.WriteString("groupVersion", groupVersion.Key);
                json.WriteStartArray("resources");
                foreach (var type in groupVersion)
                {
                    WriteResource(json, type);
                }

                json.WriteEndArray();
            });
        }
    }

    /// <summary>The document served at <paramref name="path"/>, if it is a discovery path.</summary>
    public bool TryGet(string path, out byte[] document) => _documents.TryGetValue(path.TrimEnd('/'), out document!);

    private static void WriteResource(Utf8JsonWriter json, KubeTypeInfo type)
    {
        json.WriteStartObject();
        json.WriteString("name", type.Resource);
        json.WriteString("singularName", type.SingularName);
        json.WriteBoolean("namespaced", type.Namespaced);
        json.WriteString("kind", type.Kind);
        WriteStrings(json, "verbs", Verbs);
        if (type.ShortNames.Count > 0)
        {
            WriteStrings(json, "shortNames", type.ShortNames);
        }

        if (type.Categories.Count > 0)
        {
            WriteStrings(json, "categories", type.Categories);
        }

        json.WriteEndObject();
        if (type.HasStatus)
        {
            WriteSubresource(json, type, "status", type.Kind, null, SubresourceVerbs);
        }

        if (type.HasScale)
        {
            WriteSubresource(json, type, "scale", "Scale", "autoscaling", SubresourceVerbs);
        }

        if (type.Type == typeof(Api.Core.Pod))
        {
            WriteSubresource(json, type, "binding", "Binding", null, ["create"]);
            WriteSubresource(json, type, "log", type.Kind, null, ["get"]);
        }
    }

    // Only subresources that are served are listed.
    private static void WriteSubresource(Utf8JsonWriter json, KubeTypeInfo type, string name, string kind, string? group, string[] verbs)
    {
        json.WriteStartObject();
        json.WriteString("name", $"{type.Resource}/{name}");
        json.WriteString("singularName", "");
        json.WriteBoolean("namespaced", type.Namespaced);
        if (group is not null)
        {
            json.WriteString("group", group);
            json.WriteString("version", "v1");
        }

        json.WriteString("kind", kind);
        WriteStrings(json, "verbs", verbs);
        json.WriteEndObject();
    }

    private static void WriteGroupVersion(Utf8JsonWriter json, string group, string version)
    {
        json.WriteStartObject();
        json.WriteString("groupVersion", $"{group}/{version}");
        json.WriteString("version", version);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
