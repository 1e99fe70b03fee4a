using System.Text.Json;

namespace FastKube.ApiServer.Discovery;

/// <summary>Renders a JSON object once (discovery and OpenAPI documents are built at start-up and served as bytes).</summary>
internal static class JsonDocumentBuilder
{
    public static byte[] Render(Action<Utf8JsonWriter> body)
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
