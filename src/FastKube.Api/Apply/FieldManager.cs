using System.Text.Json.Nodes;
using FastKube.Api.Meta;

namespace FastKube.Api.Apply;

/// <summary>
/// Server-side apply and field ownership (KEP-555, structured-merge-diff's Updater): <see cref="Apply"/>
/// merges a configuration into the live object, refuses changes to fields other managers own unless
/// forced, sets the applier's set to exactly its configuration and removes fields it no longer applies
/// that nobody else owns; <see cref="Update"/> records what an ordinary write changed. Objects are JSON
/// trees; the managedFields they carry are ignored (the entries are passed apart).
/// </summary>
public static class FieldManager
{
    private static readonly PathElement Status = PathElement.Field("status");
    private static readonly PathElement Metadata = PathElement.Field("metadata");

    // Never owned (upstream's stripMetaManager): identity and system fields the server sets.
    private static readonly FieldSet Stripped = BuildStripped();

    /// <summary>
    /// Applies <paramref name="config"/> for the request's manager. <paramref name="live"/> is null when the
    /// object does not exist yet. With <see cref="ApplyRequest.HasStatus"/>, the main resource neither takes nor
    /// owns status, and the "status" subresource only status.
    /// </summary>
    public static ApplyOutcome Apply(JsonObject? live, IReadOnlyList<ManagedFieldsEntry>? entries, JsonObject config, Type type, ApplyRequest request)
    {
        var scope = new Scope(request.Subresource, request.HasStatus);
        var scopedConfig = scope.Config(config);
        var configSet = scope.Apply(FieldSets.Of(scopedConfig, type, out var error));
        if (error.Length > 0)
        {
            return new ApplyOutcome(null, null, [], error);
        }

        var managers = Parse(entries);
        var applier = new ManagerIdentity(request.Manager, ManagedFieldsOperations.Apply, "", request.Subresource);
        var merged = ApplyMerge.Merge(live, scopedConfig, type);
        var changes = FieldSets.Compare(live, merged, type);
        var changed = scope.Apply(changes.Added.Union(changes.Modified));

        var conflicts = new List<ApplyConflict>();
        foreach (var (identity, owned) in managers)
        {
            if (identity == applier)
            {
                continue;
            }

            var conflicting = owned.Set.Intersection(changed);
            conflicts.AddRange(conflicting.Paths().Select(p => new ApplyConflict(identity, FieldSets.Render(p))));
            if (request.Force)
            {
                owned.Set = owned.Set.Difference(conflicting);
            }
        }

        if (conflicts.Count > 0 && !request.Force)
        {
            return new ApplyOutcome(null, null, conflicts, "");
        }

        var last = managers.TryGetValue(applier, out var previous) ? previous.Set : new FieldSet();
        if (conflicts.Count == 0 && Same(last, configSet) && previous?.Source.ApiVersion == request.ApiVersion)
        {
            // A re-apply of the same configuration leaves ownership as it was, timestamp included, so that the
            // caller can tell a no-op by comparing objects (after its admission defaults, which may put back
            // what the merge replaced, such as the default tolerations of a pod).
            return new ApplyOutcome(merged, entries is null ? null : [.. entries], [], "");
        }

        managers[applier] = new Owned(configSet, new ManagedFieldsEntry { ApiVersion = request.ApiVersion, Time = request.Now });
        Prune(merged, last, managers.Values, type);
        return new ApplyOutcome(merged, Encode(managers, applier, request, changed: true), [], "");
    }

    /// <summary>
    /// The managedFields after an ordinary write by the request's manager from <paramref name="before"/>
    /// (null on create) to <paramref name="after"/>: the manager takes every field it added or changed (from
    /// other managers too: updates always force), and removed fields leave every manager. Null when empty.
    /// </summary>
    public static List<ManagedFieldsEntry>? Update(JsonObject? before, JsonObject after, IReadOnlyList<ManagedFieldsEntry>? entries, Type type, ApplyRequest request)
    {
        var scope = new Scope(request.Subresource, request.HasStatus);
        var changes = FieldSets.Compare(before, after, type);
        changes.Added.AddAll(changes.Modified); // the sets are fresh: union in place, this runs on every tracked write
        var changed = scope.Apply(changes.Added);
        var removed = scope.Apply(changes.Removed);
        var managers = Parse(entries);
        var updater = new ManagerIdentity(request.Manager, ManagedFieldsOperations.Update, request.ApiVersion, request.Subresource);
        foreach (var owned in managers.Values)
        {
            owned.Set = owned.Set.Difference(changed).Difference(removed);
        }

        var any = !changed.IsEmpty || !removed.IsEmpty;
        if (!changed.IsEmpty)
        {
            var own = managers.TryGetValue(updater, out var existing) ? existing.Set.Union(changed) : changed;
            managers[updater] = new Owned(own, new ManagedFieldsEntry { ApiVersion = request.ApiVersion, Time = request.Now });
        }

        return Encode(managers, updater, request, any);
    }

    /// <summary>Upstream's conflict message: one conflict inline, several grouped by manager.</summary>
    public static string ConflictMessage(IReadOnlyList<ApplyConflict> conflicts)
    {
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager}: {conflicts[0].Path}";
        }

        var lines = conflicts.GroupBy(c => c.Manager.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => new[] { $"conflicts with {g.Key}:" }.Concat(g.Select(c => $"- {c.Path}")));
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join('\n', lines)}";
    }

    // Fields the applier owned before and no longer applies go, unless some manager still owns them or
    // something under them (upstream's prune: RemoveItems of the last set, then owned items added back).
    private static void Prune(JsonObject merged, FieldSet last, IEnumerable<Owned> managers, Type type)
    {
        if (last.IsEmpty)
        {
            return;
        }

        var owned = new FieldSet();
        foreach (var manager in managers)
        {
            owned = owned.Union(manager.Set);
        }

        var remove = FieldRemoval.WithNamedFields(last, type).Difference(FieldRemoval.WithNamedFields(owned, type)).Difference(Stripped);
        FieldRemoval.Remove(merged, remove, type);
    }

    private static bool Same(FieldSet left, FieldSet right) => left.Difference(right).IsEmpty && right.Difference(left).IsEmpty;

    private static Dictionary<ManagerIdentity, Owned> Parse(IReadOnlyList<ManagedFieldsEntry>? entries)
    {
        var managers = new Dictionary<ManagerIdentity, Owned>();
        foreach (var entry in entries ?? [])
        {
            if (entry.FieldsV1 is not { } fields || !FieldSet.TryParseFieldsV1(fields, out var set, out _))
            {
                continue; // an entry without a readable set owns nothing
            }

            var identity = ManagerIdentity.Of(entry);
            if (managers.TryGetValue(identity, out var existing))
            {
                existing.Set = existing.Set.Union(set);
            }
            else
            {
                managers[identity] = new Owned(set, entry);
            }
        }

        return managers;
    }

    private static List<ManagedFieldsEntry>? Encode(Dictionary<ManagerIdentity, Owned> managers, ManagerIdentity actor, ApplyRequest request, bool changed)
    {
        var entries = new List<ManagedFieldsEntry>();
        foreach (var (identity, owned) in managers)
        {
            if (owned.Set.IsEmpty)
            {
                continue;
            }

            entries.Add(new ManagedFieldsEntry
            {
                Manager = identity.Manager,
                Operation = identity.Operation,
                ApiVersion = identity == actor ? request.ApiVersion : owned.Source.ApiVersion,
                Time = identity == actor && changed ? request.Now : owned.Source.Time,
                FieldsType = "FieldsV1",
                FieldsV1 = owned.Set.ToFieldsV1(),
                Subresource = identity.Subresource.Length > 0 ? identity.Subresource : null,
            });
        }

        // Upstream's order: Apply before Update, then oldest first, then by manager, version, subresource.
        entries.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Operation, b.Operation);
            order = order != 0 ? order : Nullable.Compare(a.Time, b.Time);
            order = order != 0 ? order : string.CompareOrdinal(a.Manager, b.Manager);
            order = order != 0 ? order : string.CompareOrdinal(a.ApiVersion, b.ApiVersion);
            return order != 0 ? order : string.CompareOrdinal(a.Subresource, b.Subresource);
        });
        return entries.Count > 0 ? entries : null;
    }

    private static FieldSet BuildStripped()
    {
        var set = new FieldSet();
        set.Insert([PathElement.Field("apiVersion")]);
        set.Insert([PathElement.Field("kind")]);
        set.Insert([Metadata]);
        foreach (var field in new[] { "name", "namespace", "creationTimestamp", "selfLink", "uid", "generation", "managedFields", "resourceVersion" })
        {
            set.Insert([Metadata, PathElement.Field(field)]);
        }

        return set;
    }

    private sealed class Owned(FieldSet set, ManagedFieldsEntry source)
    {
        public FieldSet Set { get; set; } = set;

        public ManagedFieldsEntry Source { get; } = source;
    }

    // Which part of the object a write may own: the main resource everything but status (when the type has
    // one), the status subresource only status (upstream's reset fields of each strategy).
    private readonly record struct Scope(string Subresource, bool HasStatus)
    {
        public FieldSet Apply(FieldSet set)
        {
            var scoped = (Subresource == "status" ? set.OnlyChild(Status) : set).Difference(Stripped);
            if (Subresource.Length == 0 && HasStatus)
            {
                scoped.RemoveChild(Status);
            }

            return scoped;
        }

        public JsonObject Config(JsonObject config)
        {
            var copy = (JsonObject)config.DeepClone();
            copy.Remove("managedFields");
            if (copy["metadata"] is JsonObject meta)
            {
                meta.Remove("managedFields");
            }

            if (Subresource.Length == 0 && HasStatus)
            {
                copy.Remove("status");
            }
            else if (Subresource == "status")
            {
                foreach (var key in copy.Select(p => p.Key).Where(k => k is not ("status" or "metadata" or "apiVersion" or "kind")).ToList())
                {
                    copy.Remove(key);
                }
            }

            return copy;
        }
    }
}
