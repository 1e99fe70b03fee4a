using System.Buffers;
using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;

namespace FastKube.Api.Serialization;

/// <summary>
/// Kubernetes JSON for API types, on the source-generated <see cref="KubeJsonContext"/>.
/// Besides camelCase names and omitting nulls, empty lists and maps are omitted like Go's omitempty
/// (a resolver modifier), so an object read and written back keeps upstream's shape; the fields upstream
/// always writes (list items, Table rows, PodSpec containers, EndpointSlice endpoints and ports, Endpoint
/// addresses) are written even when empty. Empty strings and empty objects are written as given
/// (Go omits empty strings, but here null is the only "absent").
/// Malformed input throws <see cref="JsonException"/> whose Path names the offending field.
/// </summary>
public static class KubeJson
{
    // Fields whose Go tag has no omitempty: clients expect them present ("items": [] in an empty list).
    private static readonly HashSet<(Type Type, string Json)> AlwaysWritten =
    [
        (typeof(Table), "rows"),
        (typeof(Table), "columnDefinitions"),
        (typeof(PodSpec), "containers"),
        (typeof(EndpointSlice), "endpoints"),
        (typeof(EndpointSlice), "ports"),
        (typeof(Endpoint), "addresses"),
    ];

    /// <summary>The options every Kubernetes JSON read and write uses; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writer options matching <see cref="Options"/>, for callers that bring their own <see cref="Utf8JsonWriter"/>.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize<T>(T value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo(value));

    public static void Serialize<T>(IBufferWriter<byte> destination, T value)
    {
        using var writer = new Utf8JsonWriter(destination, WriterOptions);
        JsonSerializer.Serialize(writer, value, GetTypeInfo(value));
    }

    public static void Serialize<T>(Utf8JsonWriter writer, T value) =>
        JsonSerializer.Serialize(writer, value, GetTypeInfo(value));

    public static string SerializeToString<T>(T value) =>
        JsonSerializer.Serialize(value, GetTypeInfo(value));

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));

    /// <summary>Reads an object whose CLR type is known only at run time (e.g. from the KubeTypes registry).</summary>
    public static object? Deserialize(ReadOnlySpan<byte> utf8Json, Type type) =>
        JsonSerializer.Deserialize(utf8Json, Options.GetTypeInfo(type));

    /// <summary>Converts a raw JSON value (e.g. <see cref="WatchEvent.Object"/>) into a typed object.</summary>
    public static T? Deserialize<T>(JsonElement element) =>
        element.Deserialize((JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));

    /// <summary>Writes a typed object as a <see cref="JsonElement"/>, e.g. to fill <see cref="WatchEvent.Object"/>.</summary>
    public static JsonElement SerializeToElement<T>(T value) =>
        JsonSerializer.SerializeToElement(value, GetTypeInfo(value));

    // The runtime type decides, so an object passed as KubeObject still writes its spec and status.
    private static JsonTypeInfo GetTypeInfo<T>(T value) =>
        Options.GetTypeInfo(value?.GetType() ?? typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(KubeJsonContext.Default.Options)
        {
            TypeInfoResolver = KubeJsonContext.Default.WithAddedModifier(OmitEmptyCollections),
            // Like Go's encoder, write non-ASCII text as UTF-8 and quotes as \"; the default encoder's
            // HTML-safe escaping (\u0022, \u002B, every non-ASCII character) only matters inside HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyCollections(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        bool isList = info.Type.IsAssignableTo(typeof(KubeList));
        foreach (JsonPropertyInfo property in info.Properties)
        {
            if (!property.PropertyType.IsAssignableTo(typeof(ICollection))
                || (isList && property.Name == "items")
                || AlwaysWritten.Contains((info.Type, property.Name)))
            {
                continue;
            }

            property.ShouldSerialize = static (_, value) => value is ICollection { Count: > 0 };
        }
    }
}
