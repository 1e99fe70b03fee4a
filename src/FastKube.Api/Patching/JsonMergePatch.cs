using System.Text.Json.Nodes;

namespace FastKube.Api.Patching;

/// <summary>
/// JSON merge patch (RFC 7386, <c>application/merge-patch+json</c>): objects merge key by key, a null
/// removes the key, anything else (arrays included) replaces the target value.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/>, which is modified in place where possible; returns the result.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            result.TryGetPropertyValue(name, out var existing);
            var merged = Apply(existing, value);
            if (existing is not null && ReferenceEquals(existing, merged))
            {
                continue; // merged in place
            }

            result[name] = merged;
        }

        return result;
    }
}
