using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.ApiServer.Registry;

/// <summary>
/// Reads and writes the spec and status of any kind through its source-generated JSON contract
/// (typed getters and setters, no reflection), so the generic registry can keep status on main
/// updates, keep spec on status updates, and bump generation when spec changes.
/// </summary>
internal static class ObjectParts
{
    private static readonly ConcurrentDictionary<Type, (JsonPropertyInfo? Spec, JsonPropertyInfo? Status)> Parts = new();

    public static bool HasSpec(KubeObject obj) => PartsOf(obj).Spec is not null;

    public static object? Spec(KubeObject obj) => PartsOf(obj).Spec?.Get?.Invoke(obj);

    public static object? Status(KubeObject obj) => PartsOf(obj).Status?.Get?.Invoke(obj);

    public static void SetStatus(KubeObject obj, object? status) => PartsOf(obj).Status?.Set?.Invoke(obj, status);

    public static void SetSpec(KubeObject obj, object? spec) => PartsOf(obj).Spec?.Set?.Invoke(obj, spec);

    /// <summary>True when both specs serialize to the same JSON (the generation rule of upstream's strategies).</summary>
    public static bool SpecEquals(KubeObject a, KubeObject b) =>
        KubeJson.Serialize(Spec(a)).AsSpan().SequenceEqual(KubeJson.Serialize(Spec(b)));

    private static (JsonPropertyInfo? Spec, JsonPropertyInfo? Status) PartsOf(KubeObject obj) =>
        Parts.GetOrAdd(obj.GetType(), static type =>
        {
            var info = KubeJson.Options.GetTypeInfo(type);
            return (info.Properties.FirstOrDefault(p => p.Name == "spec"), info.Properties.FirstOrDefault(p => p.Name == "status"));
        });
}
