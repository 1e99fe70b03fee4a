using System.Globalization;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Printing;

/// <summary>What a Table row carries besides its cells (the includeObject parameter; upstream's default is Metadata).</summary>
internal enum IncludeObject
{
    None,
    Metadata,
    Object,
}

/// <summary>
/// Writes meta.k8s.io/v1 Table responses, asked for by <c>Accept: application/json;as=Table;g=meta.k8s.io;v=v1</c>
/// as kubectl get does: upstream's columns, one row per object, and the object (or its metadata) in each row.
/// </summary>
internal static class TableWriter
{
    /// <summary>The table options of a request, or null when it did not ask for a Table.</summary>
    public static IncludeObject? Requested(HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal))
            {
                return request.Query["includeObject"].ToString() switch
                {
                    "None" => IncludeObject.None,
                    "Object" => IncludeObject.Object,
                    _ => IncludeObject.Metadata,
                };
            }
        }

        return null;
    }

    public static void Write(Utf8JsonWriter json, KubeTypeInfo info, IReadOnlyList<KubeObject> items, string resourceVersion, string? continueToken, IncludeObject include, DateTimeOffset now)
    {
        var printer = TablePrinters.For(info);
        json.WriteStartObject();
        json.WriteString("kind", Table.KindName);
        json.WriteString("apiVersion", Table.GroupVersion);
        json.WriteStartObject("metadata");
        json.WriteString("resourceVersion", resourceVersion);
        if (continueToken is not null)
        {
            json.WriteString("continue", continueToken);
        }

        json.WriteEndObject();
        json.WriteStartArray("columnDefinitions");
        foreach (var column in printer.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.Type);
            json.WriteString("format", column.Format);
            json.WriteString("description", column.Description);
            json.WriteNumber("priority", column.Priority);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var item in items)
        {
            json.WriteStartObject();
            json.WriteStartArray("cells");
            foreach (var cell in printer.Cells(item, now))
            {
                switch (cell)
                {
                    case int number:
                        json.WriteNumberValue(number);
                        break;
                    case long number:
                        json.WriteNumberValue(number);
                        break;
                    default:
                        json.WriteStringValue(cell as string ?? "");
                        break;
                }
            }

            json.WriteEndArray();
            if (include != IncludeObject.None)
            {
                json.WritePropertyName("object");
                if (include == IncludeObject.Object)
                {
                    KubeJson.Serialize(json, item);
                }
                else
                {
                    KubeJson.Serialize(json, new PartialObjectMetadata { Kind = PartialObjectMetadata.KindName, ApiVersion = PartialObjectMetadata.GroupVersion, Metadata = item.Metadata });
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string ResourceVersionOf(KubeObject obj) => obj.Metadata?.ResourceVersion ?? "";

    public static string ResourceVersionOf(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
