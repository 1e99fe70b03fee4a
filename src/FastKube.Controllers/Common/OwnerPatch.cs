using System.Text;
using System.Text.Json;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Controllers.Common;

internal static class OwnerPatch
{
    /// <summary>
    /// A JSON merge patch replacing metadata.ownerReferences, guarded by the resourceVersion the decision was
    /// made on (a concurrent change makes it a 409 and the sync retries). No references is an explicit null:
    /// an omitted field would leave the old list in place.
    /// </summary>
    public static string Render(string? resourceVersion, List<OwnerReference> references)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("metadata");
            json.WriteString("resourceVersion", resourceVersion);
            json.WritePropertyName("ownerReferences");
            if (references.Count == 0)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteStartArray();
                foreach (var reference in references)
                {
                    KubeJson.Serialize(json, reference);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
