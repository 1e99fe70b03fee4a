using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FastKube.Api;
using FastKube.Api.Apply;
using FastKube.Api.Patching;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.ApiServer.Discovery;

/// <summary>
/// OpenAPI v3 component schemas of the served kinds and everything they reach, derived from the JSON
/// contracts the server itself uses (property names, types, converters), so <c>kubectl explain</c> shows
/// exactly the fields FastKube models. Names follow upstream (<c>io.k8s.api.core.v1.Pod</c>); top-level
/// kinds carry <c>x-kubernetes-group-version-kind</c>, lists carry upstream's patch strategy and list-type extensions.
/// Descriptions are left out: upstream's prose is not ours to copy.
/// </summary>
internal static class OpenApiSchemas
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["FastKube.Api.Core"] = "io.k8s.api.core.v1",
        ["FastKube.Api.Apps"] = "io.k8s.api.apps.v1",
        ["FastKube.Api.Batch"] = "io.k8s.api.batch.v1",
        ["FastKube.Api.Discovery"] = "io.k8s.api.discovery.v1",
        ["FastKube.Api.Coordination"] = "io.k8s.api.coordination.v1",
        ["FastKube.Api.Policy"] = "io.k8s.api.policy.v1",
        ["FastKube.Api.Scheduling"] = "io.k8s.api.scheduling.v1",
        ["FastKube.Api.Autoscaling"] = "io.k8s.api.autoscaling.v1",
        ["FastKube.Api.Meta"] = "io.k8s.apimachinery.pkg.apis.meta.v1",
    };

    private const string QuantityName = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    /// <summary>Writes the <c>schemas</c> members for <paramref name="kinds"/> and every type they reach.</summary>
    public static void Write(Utf8JsonWriter json, IEnumerable<KubeTypeInfo> kinds)
    {
        var roots = kinds.ToDictionary(k => k.Type);
        var pending = new Queue<Type>(roots.Keys);
        var written = new HashSet<Type>();
        var quantity = false;
        while (pending.TryDequeue(out var type))
        {
            if (!written.Add(type))
            {
                continue;
            }

            json.WriteStartObject(NameOf(type));
            json.WriteString("type", "object");
            if (roots.TryGetValue(type, out var kind))
            {
                json.WriteStartArray("x-kubernetes-group-version-kind");
                json.WriteStartObject();
                json.WriteString("group", kind.Group);
                json.WriteString("kind", kind.Kind);
                json.WriteString("version", kind.Version);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartObject("properties");
            foreach (var property in KubeJson.Options.GetTypeInfo(type).Properties)
            {
                json.WriteStartObject(property.Name);
                WritePatchStrategy(json, PatchStrategies.Of(type, property.Name));
                WriteListType(json, ApplySchema.ListOf(type, property.Name));
                quantity |= WriteType(json, property.PropertyType, pending);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (quantity)
        {
            json.WriteStartObject(QuantityName);
            json.WriteString("type", "string");
            json.WriteEndObject();
        }
    }

    // Returns whether the Quantity schema was referenced.
    private static bool WriteType(Utf8JsonWriter json, Type type, Queue<Type> pending)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            json.WriteString("type", "string");
        }
        else if (type == typeof(bool))
        {
            json.WriteString("type", "boolean");
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            json.WriteString("type", "integer");
            json.WriteString("format", type == typeof(int) ? "int32" : "int64");
        }
        else if (type == typeof(double))
        {
            json.WriteString("type", "number");
            json.WriteString("format", "double");
        }
        else if (type == typeof(DateTimeOffset))
        {
            json.WriteString("type", "string");
            json.WriteString("format", "date-time");
        }
        else if (type == typeof(byte[]))
        {
            json.WriteString("type", "string");
            json.WriteString("format", "byte");
        }
        else if (type == typeof(IntOrString))
        {
            json.WriteString("type", "string");
            json.WriteString("format", "int-or-string");
            json.WriteBoolean("x-kubernetes-int-or-string", true);
        }
        else if (type == typeof(Quantity))
        {
            return WriteReference(json, QuantityName);
        }
        else if (type == typeof(JsonElement) || type.IsEnum)
        {
            // Embedded raw objects (RawExtension) and string enums.
            json.WriteString("type", type.IsEnum ? "string" : "object");
        }
        else if (ElementOf(type, typeof(IDictionary<,>), 1) is { } value)
        {
            json.WriteString("type", "object");
            json.WriteStartObject("additionalProperties");
            var referenced = WriteType(json, value, pending);
            json.WriteEndObject();
            return referenced;
        }
        else if (ElementOf(type, typeof(IList<>), 0) is { } item)
        {
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            var referenced = WriteType(json, item, pending);
            json.WriteEndObject();
            return referenced;
        }
        else
        {
            pending.Enqueue(type);
            WriteReference(json, NameOf(type));
        }

        return false;
    }

    // Upstream's v3 documents wrap references in allOf so that siblings such as default may sit beside them.
    private static bool WriteReference(Utf8JsonWriter json, string name)
    {
        json.WriteStartArray("allOf");
        json.WriteStartObject();
        json.WriteString("$ref", "#/components/schemas/" + name);
        json.WriteEndObject();
        json.WriteEndArray();
        return true;
    }

    private static void WritePatchStrategy(Utf8JsonWriter json, PatchStrategy strategy)
    {
        var names = new List<string>(2);
        if (strategy.Merge)
        {
            names.Add("merge");
        }

        if (strategy.RetainKeys)
        {
            names.Add("retainKeys");
        }

        if (names.Count > 0)
        {
            json.WriteString("x-kubernetes-patch-strategy", string.Join(',', names));
        }

        if (strategy.MergeKey is { } key)
        {
            json.WriteString("x-kubernetes-patch-merge-key", key);
        }
    }

    // Server-side apply's list semantics, as upstream publishes them; untagged lists are atomic and carry none.
    private static void WriteListType(Utf8JsonWriter json, ListType list)
    {
        if (list.Kind == ListKind.Atomic)
        {
            return;
        }

        json.WriteString("x-kubernetes-list-type", list.Kind == ListKind.Set ? "set" : "map");
        if (list.Kind == ListKind.Map)
        {
            json.WriteStartArray("x-kubernetes-list-map-keys");
            foreach (var key in list.Keys)
            {
                json.WriteStringValue(key);
            }

            json.WriteEndArray();
        }
    }

    private static Type? ElementOf(Type type, Type generic, int argument)
    {
        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == generic)
            {
                return candidate.GetGenericArguments()[argument];
            }
        }

        return null;
    }

    private static string NameOf(Type type) =>
        Packages.TryGetValue(type.Namespace ?? "", out var package)
            ? $"{package}.{type.Name}"
            : throw new InvalidOperationException($"{type.FullName}: no OpenAPI package for namespace {type.Namespace}");
}
