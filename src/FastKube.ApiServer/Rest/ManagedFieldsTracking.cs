using System.Text.Json.Nodes;
using FastKube.Api;
using FastKube.Api.Apply;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Rest;

/// <summary>
/// Records <c>Update</c> managedFields entries for ordinary writes (create, update, non-apply patch, scale).
/// Upstream records them on every write; here a write is tracked when it names a field manager, comes from a
/// client other than FastKube's own (User-Agent not <c>fastkube…</c> and not empty), or touches an object that
/// already has entries. FastKube's controllers and benchmarks create objects at 10k/s and gain nothing from
/// ownership records until someone applies, so their creates skip the diff (docs/server-side-apply.md has the cost).
/// </summary>
internal static class ManagedFieldsTracking
{
    /// <summary>
    /// The manager a write is recorded under and whether it is tracked even on an object without entries
    /// (see the class remarks).
    /// </summary>
    public static (string Name, bool Tracked) Manager(HttpContext context)
    {
        if (context.Request.Query["fieldManager"] is [{ Length: > 0 } named])
        {
            return (named, true);
        }

        // As upstream's prefixFromUserAgent: "kubectl/v1.32.4 (linux/amd64) kubernetes/…" → "kubectl".
        var agent = context.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? agent : agent[..slash];
        return prefix.Length == 0 ? ("unknown", false) : (prefix, !prefix.StartsWith("fastkube", StringComparison.Ordinal));
    }

    /// <summary>Stamps a new object's entries (those it came with, if any, plus the creator's).</summary>
    public static void OnCreate(KubeObject obj, KubeTypeInfo info, (string Name, bool Tracked) manager, DateTimeOffset now)
    {
        var meta = obj.Metadata!;
        meta.ManagedFields = Cleared(meta.ManagedFields) ? null : meta.ManagedFields;
        if (!manager.Tracked && meta.ManagedFields is null)
        {
            return;
        }

        meta.ManagedFields = FieldManager.Update(null, ToJson(obj), meta.ManagedFields, info.Type, Request(info, manager.Name, "", now));
    }

    /// <summary>
    /// The hook <see cref="Registry.ResourceStorage.UpdateAsync"/> runs on (next, stored) before it writes: a write
    /// that sends no managedFields keeps the stored ones, <c>[{}]</c> clears them, and a tracked write records its diff.
    /// </summary>
    public static Action<KubeObject, KubeObject> OnUpdate(KubeTypeInfo info, (string Name, bool Tracked) manager, string subresource, DateTimeOffset now) => (next, old) =>
    {
        var meta = next.Metadata!;
        var entries = subresource.Length > 0 || meta.ManagedFields is null or { Count: 0 } ? old.Metadata?.ManagedFields : meta.ManagedFields;
        meta.ManagedFields = Cleared(entries) ? null : entries;
        if (!manager.Tracked && meta.ManagedFields is null)
        {
            return;
        }

        meta.ManagedFields = FieldManager.Update(ToJson(old), ToJson(next), meta.ManagedFields, info.Type, Request(info, manager.Name, subresource, now));
    };

    public static JsonObject ToJson(KubeObject obj) => (JsonObject)JsonNode.Parse(KubeJson.Serialize(obj))!;

    public static ApplyRequest Request(KubeTypeInfo info, string manager, string subresource, DateTimeOffset now, bool force = false) =>
        new(manager, info.ApiVersion, subresource, info.HasStatus, force, now);

    // Upstream's way to drop all ownership records: send managedFields as a list of one empty entry.
    private static bool Cleared(List<ManagedFieldsEntry>? entries) =>
        entries is [{ Manager: null or "", Operation: null or "", FieldsV1: null, ApiVersion: null or "" }];
}
