using System.Text;
using System.Text.Json;

namespace FastKube.Controllers.Common;

internal static class FinalizerPatch
{
    /// <summary>
    /// A JSON merge patch setting metadata.finalizers to <paramref name="finalizers"/> (explicit null for none),
    /// guarded by the resourceVersion the decision was made on, so a concurrent change makes it a 409.
    /// </summary>
    public static string Render(string? resourceVersion, IReadOnlyCollection<string> finalizers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("metadata");
            json.WriteString("resourceVersion", resourceVersion);
            json.WritePropertyName("finalizers");
            if (finalizers.Count == 0)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteStartArray();
                foreach (var finalizer in finalizers)
                {
                    json.WriteStringValue(finalizer);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
