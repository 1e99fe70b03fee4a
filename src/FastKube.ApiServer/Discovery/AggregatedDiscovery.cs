using System.Text.Json;
using FastKube.Api;
using Microsoft.Extensions.Primitives;

namespace FastKube.ApiServer.Discovery;

/// <summary>
/// Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) at <c>/api</c> and <c>/apis</c>:
/// every group, version and resource in one document, so kubectl needs two requests instead of one per
/// group version. Served only when the Accept header asks for it by its media-type parameters, as upstream.
/// </summary>
internal sealed class AggregatedDiscovery
{
    public const string ContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private readonly byte[] _core;
    private readonly byte[] _groups;

    public AggregatedDiscovery(IReadOnlyList<KubeTypeInfo> types)
    {
        _core = Render(types.Where(t => t.Group.Length == 0));
        _groups = Render(types.Where(t => t.Group.Length > 0));
    }

    /// <summary>The document for <paramref name="path"/> when <paramref name="accept"/> asks for aggregated discovery v2.</summary>
    public bool TryGet(string path, StringValues accept, out byte[] document)
    {
        document = path.TrimEnd('/') switch
        {
            "/api" => _core,
            "/apis" => _groups,
            _ => [],
        };
        return document.Length > 0 && Accepts(accept);
    }

    // Any media range of the Accept list naming g=apidiscovery.k8s.io, v=v2 and as=APIGroupDiscoveryList.
    private static bool Accepts(StringValues accept)
    {
        foreach (var header in accept)
        {
            foreach (var range in (header ?? "").Split(','))
            {
                var parameters = range.Split(';', StringSplitOptions.TrimEntries);
                if (parameters.Contains("g=apidiscovery.k8s.io") && parameters.Contains("v=v2") && parameters.Contains("as=APIGroupDiscoveryList"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static byte[] Render(IEnumerable<KubeTypeInfo> types)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "APIGroupDiscoveryList");
            json.WriteString("apiVersion", "apidiscovery.k8s.io/v2");
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            json.WriteStartArray("items");
            foreach (var group in types.GroupBy(t => t.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteStartObject("metadata");
                json.WriteString("name", group.Key);
                json.WriteEndObject();
                json.WriteStartArray("versions");
                foreach (var version in group.GroupBy(t => t.Version))
                {
                    json.WriteStartObject();
                    json.WriteString("version", version.Key);
                    json.WriteStartArray("resources");
                    foreach (var type in version)
                    {
                        WriteResource(json, type);
                    }

                    json.WriteEndArray();
                    json.WriteString("freshness", "Current");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteResource(Utf8JsonWriter json, KubeTypeInfo type)
    {
        json.WriteStartObject();
        json.WriteString("resource", type.Resource);
        WriteKind(json, type.Group, type.Version, type.Kind);
        json.WriteString("scope", type.Namespaced ? "Namespaced" : "Cluster");
        json.WriteString("singularResource", type.SingularName);
        WriteStrings(json, "verbs", DiscoveryDocuments.Verbs);
        if (type.ShortNames.Count > 0)
        {
            WriteStrings(json, "shortNames", type.ShortNames);
        }

        if (type.Categories.Count > 0)
        {
            WriteStrings(json, "categories", type.Categories);
        }

        var subresources = DiscoveryDocuments.Subresources(type).ToList();
        if (subresources.Count > 0)
        {
            json.WriteStartArray("subresources");
            foreach (var (name, group, kind, verbs) in subresources)
            {
                json.WriteStartObject();
                json.WriteString("subresource", name);
                WriteKind(json, group ?? type.Group, "v1", kind);
                WriteStrings(json, "verbs", verbs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteKind(Utf8JsonWriter json, string group, string version, string kind)
    {
        json.WriteStartObject("responseKind");
        json.WriteString("group", group);
        json.WriteString("version", version);
        json.WriteString("kind", kind);
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
