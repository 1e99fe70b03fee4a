using System.Security.Cryptography;
using System.Text.Json;
using FastKube.Api;
using FastKube.ApiServer.Hosting;

namespace FastKube.ApiServer.Discovery;

/// <summary>
/// OpenAPI v3 (<c>/openapi/v3</c> and one document per group/version) with what kubectl asks of it: that
/// each kind's PATCH takes the <c>fieldValidation</c> parameter, so kubectl leaves validation to the server
/// (fieldValidation=Strict) instead of validating client-side, and the component schemas that
/// <c>kubectl explain</c> walks (see <see cref="OpenApiSchemas"/>). Only the PATCH operations are listed.
/// </summary>
/// <remarks>
/// PATCH lists the JSON and merge patch content types but not strategic merge: with it, kubectl would
/// compute its apply patch from these schemas; without it kubectl uses its built-in Go types, the
/// reference for the patch strategies the server applies.
/// </remarks>
internal sealed class OpenApiDocuments
{
    private readonly Dictionary<string, byte[]> _documents = new(StringComparer.Ordinal);

    public OpenApiDocuments(IReadOnlyList<KubeTypeInfo> types)
    {
        var roots = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var groupVersion in types.GroupBy(t => t.ApiVersion))
        {
            var first = groupVersion.First();
            var relative = first.Group.Length == 0 ? "api/v1" : $"apis/{groupVersion.Key}";
            var document = Render(json => WriteGroupVersion(json, [.. groupVersion]));
            _documents["/openapi/v3/" + relative] = document;
            roots[relative] = $"/openapi/v3/{relative}?hash={Convert.ToHexString(SHA256.HashData(document))}";
        }

        _documents["/openapi/v3"] = Render(json =>
        {
            json.WriteStartObject("paths");
            foreach (var (path, url) in roots)
            {
                json.WriteStartObject(path);
                json.WriteString("serverRelativeURL", url);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        });
    }

    public bool TryGet(string path, out byte[] document) => _documents.TryGetValue(path.TrimEnd('/'), out document!);

    private static void WriteGroupVersion(Utf8JsonWriter json, IReadOnlyList<KubeTypeInfo> types)
    {
        json.WriteString("openapi", "3.0.0");
        json.WriteStartObject("info");
        json.WriteString("title", "Kubernetes");
        json.WriteString("version", VersionInfo.GitVersion);
        json.WriteEndObject();
        json.WriteStartObject("paths");
        foreach (var type in types)
        {
            var prefix = type.Group.Length == 0 ? "/api/v1" : $"/apis/{type.ApiVersion}";
            var scope = type.Namespaced ? "/namespaces/{namespace}" : "";
            json.WriteStartObject($"{prefix}{scope}/{type.Resource}/{{name}}");
            json.WriteStartObject("patch");
            json.WriteString("operationId", $"patch{type.Kind}");
            json.WriteStartObject("x-kubernetes-group-version-kind");
            json.WriteString("group", type.Group);
            json.WriteString("version", type.Version);
            json.WriteString("kind", type.Kind);
            json.WriteEndObject();
            json.WriteStartArray("parameters");
            foreach (var parameter in new[] { "dryRun", "fieldManager", "fieldValidation", "force" })
            {
                json.WriteStartObject();
                json.WriteString("name", parameter);
                json.WriteString("in", "query");
                json.WriteStartObject("schema");
                json.WriteString("type", parameter == "force" ? "boolean" : "string");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("requestBody");
            json.WriteStartObject("content");
            foreach (var contentType in new[] { "application/json-patch+json", "application/merge-patch+json" })
            {
                json.WriteStartObject(contentType);
                json.WriteStartObject("schema");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("responses");
            json.WriteStartObject("200");
            json.WriteString("description", "OK");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("components");
        json.WriteStartObject("schemas");
        OpenApiSchemas.Write(json, types);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static byte[] Render(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
