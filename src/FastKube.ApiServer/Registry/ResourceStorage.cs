using System.Globalization;
using FastKube.Api;
using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Validation;
using FastKube.ApiServer.Caching;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Services;
using FastKube.Storage;

namespace FastKube.ApiServer.Registry;

/// <summary>Checks an object (and, on update, its previous version); returns every violation.</summary>
internal delegate FieldErrorList ObjectValidator(KubeObject obj, KubeObject? old);

/// <summary>
/// The generic registry of one resource over <see cref="IStore"/>, with upstream's semantics
/// (apiserver registry/generic Store): system fields on create, generated names, resourceVersion as
/// the store's mod revision with compare-and-swap updates, status kept apart from the main resource,
/// generation bumped on spec change, finalizers and graceful deletion. With a <see cref="WatchCache"/>,
/// lists and watches are served from memory (ResourceStorage.Cache.cs); writes and gets go to the store.
/// </summary>
internal sealed partial class ResourceStorage(KubeTypeInfo info, IStore store, ObjectValidator validate, TimeProvider time, Random random, WatchCache? cache = null)
{
    // Upstream (RetryGenerateName) retries a generated name that collides up to 8 times.
    private const int GenerateNameAttempts = 8;

    public KubeTypeInfo Info => info;

    /// <summary>For Services: where ClusterIPs and node ports come from and go back to.</summary>
    public ServiceAllocator? Allocator { get; init; }

    /// <summary>The resource's watch cache, when the server runs one.</summary>
    public WatchCache? Cache => cache;

    public async ValueTask<ObjectResult> CreateAsync(KubeObject obj, string ns, bool dryRun, CancellationToken cancellationToken)
    {
        if (Allocator is null || obj is not Service service)
        {
            return await CreateCoreAsync(obj, ns, dryRun, cancellationToken).ConfigureAwait(false);
        }

        if (Allocator.Allocate(service, null, dryRun, out var reservation) is { } refused)
        {
            return refused;
        }

        var created = await CreateCoreAsync(obj, ns, dryRun, cancellationToken).ConfigureAwait(false);
        if (created.Error is not null)
        {
            Allocator.Release(reservation);
        }

        return created;
    }

    private async ValueTask<ObjectResult> CreateCoreAsync(KubeObject obj, string ns, bool dryRun, CancellationToken cancellationToken)
    {
        var meta = obj.Metadata ??= new ObjectMeta();
        if (Scope(meta, ns) is { } scopeError)
        {
            return scopeError;
        }

        if (!string.IsNullOrEmpty(meta.ResourceVersion))
        {
            return ApiErrors.Internal("resourceVersion should not be set on objects to be created");
        }

        obj.ApiVersion = info.ApiVersion;
        obj.Kind = info.Kind;
        meta.Uid = Guid.NewGuid().ToString();
        meta.CreationTimestamp = Now();
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        meta.Generation = ObjectParts.HasSpec(obj) ? 1 : null;
        if (obj is Job job)
        {
            JobSelectors.Generate(job); // the job's selector and labels derive from its new uid (upstream job strategy)
        }

        var generated = string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName);
        for (var attempt = 1; ; attempt++)
        {
            if (generated)
            {
                meta.Name = GeneratedNames.Generate(meta.GenerateName!, random);
            }

            var errors = validate(obj, null);
            if (!errors.IsEmpty)
            {
                return errors.ToStatus(info.Kind, info.Group, meta.Name ?? "");
            }

            if (dryRun)
            {
                return new ObjectResult(obj, null);
            }

            var written = await store.CreateAsync(Key(meta), Encode(obj), cancellationToken).ConfigureAwait(false);
            switch (written.Status)
            {
                case StoreStatus.Ok:
                    meta.ResourceVersion = Rv(written.Revision);
                    return new ObjectResult(obj, null);
                case StoreStatus.AlreadyExists when generated && attempt < GenerateNameAttempts:
                    continue;
                case StoreStatus.AlreadyExists:
                    return ApiErrors.AlreadyExists(info, meta.Name!);
                default:
                    return StoreError(written.Status, meta.Name!);
            }
        }
    }

    /// <summary>Every stored object of the resource, read from the store (startup bookkeeping, before the caches serve).</summary>
    public async ValueTask<List<KubeObject>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var read = await store.RangeAsync(new RangeRequest(KeyRange.Prefix(ResourceKeys.Resource(info))), cancellationToken).ConfigureAwait(false);
        return read.Status == StoreStatus.Ok ? read.Items.Select(Decode).ToList() : throw new InvalidOperationException($"reading {info.Resource} from the store: {read.Status}");
    }

    public async ValueTask<ObjectResult> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var read = await store.GetAsync(ResourceKeys.Object(info, ns, name), 0, cancellationToken).ConfigureAwait(false);
        return read.Status == StoreStatus.Ok
            ? new ObjectResult(Decode(read.Kv!), null)
            : StoreError(read.Status, name);
    }

    /// <summary>
    /// Replaces an object (PUT), or only its status when <paramref name="statusOnly"/>. A given
    /// resourceVersion must be current (409 otherwise); an empty one updates unconditionally.
    /// </summary>
    /// <param name="beforeWrite">Sees (next, stored) once the system fields are settled, before validation (managedFields bookkeeping).</param>
    public async ValueTask<ObjectResult> UpdateAsync(KubeObject obj, string ns, string name, bool statusOnly, bool dryRun, CancellationToken cancellationToken, Action<KubeObject, KubeObject>? beforeWrite = null)
    {
        var meta = obj.Metadata ??= new ObjectMeta();
        if (meta.Name != name)
        {
            return ApiErrors.BadRequest($"the name of the object ({meta.Name}) does not match the name on the URL ({name})");
        }

        if (Scope(meta, ns) is { } scopeError)
        {
            return scopeError;
        }

        var key = Key(meta);
        var current = await store.GetAsync(key, 0, cancellationToken).ConfigureAwait(false);
        if (current.Status != StoreStatus.Ok)
        {
            return StoreError(current.Status, name);
        }

        if (!string.IsNullOrEmpty(meta.ResourceVersion) && meta.ResourceVersion != Rv(current.Kv!.ModRevision))
        {
            return ApiErrors.Conflict(info, name, ApiErrors.ModifiedConflict);
        }

        var old = Decode(current.Kv!);
        if (!string.IsNullOrEmpty(meta.Uid) && meta.Uid != old.Metadata!.Uid)
        {
            return ApiErrors.Conflict(info, name, $"Precondition failed: UID in precondition: {meta.Uid}, UID in object meta: {old.Metadata.Uid}");
        }

        var next = statusOnly ? WithStatusOf(old, obj) : obj;
        PrepareForUpdate(next, old, keepStatus: !statusOnly && info.HasStatus);
        beforeWrite?.Invoke(next, old);
        ServiceAllocator.Reservation? reservation = null;
        if (Allocator is not null && next is Service service && Allocator.Allocate(service, (Service)old, dryRun, out reservation) is { } refused)
        {
            return refused;
        }

        var result = await WriteUpdateAsync(next, old, key, current.Kv!.ModRevision, name, dryRun, cancellationToken).ConfigureAwait(false);
        if (reservation is not null)
        {
            if (result.Error is not null)
            {
                Allocator!.Release(reservation);
            }
            else if (!dryRun)
            {
                Allocator!.ReleaseUnused((Service)old, CompletesDeletion(next) ? null : (Service)next);
            }
        }

        return result;
    }

    private async ValueTask<ObjectResult> WriteUpdateAsync(KubeObject next, KubeObject old, string key, long modRevision, string name, bool dryRun, CancellationToken cancellationToken)
    {
        var errors = validate(next, old);
        if (!errors.IsEmpty)
        {
            return errors.ToStatus(info.Kind, info.Group, name);
        }

        if (dryRun)
        {
            return new ObjectResult(next, null);
        }

        // The last finalizer removed from an object being deleted: the update completes the deletion.
        if (CompletesDeletion(next))
        {
            var deleted = await store.DeleteAsync(key, modRevision, cancellationToken).ConfigureAwait(false);
            return deleted.Status == StoreStatus.Ok ? new ObjectResult(next, null) : StoreError(deleted.Status, name);
        }

        var written = await store.UpdateAsync(key, Encode(next), modRevision, cancellationToken).ConfigureAwait(false);
        if (written.Status != StoreStatus.Ok)
        {
            return StoreError(written.Status, name);
        }

        next.Metadata!.ResourceVersion = Rv(written.Revision);
        return new ObjectResult(next, null);
    }

    private static bool CompletesDeletion(KubeObject next) =>
        next.Metadata!.DeletionTimestamp is not null && (next.Metadata.Finalizers?.Count ?? 0) == 0 && SpecFinalized(next);

    /// <summary>
    /// Reads the object, lets <paramref name="mutate"/> change it (or refuse with a Status), and writes it
    /// back guarded by its mod revision, re-reading on a conflict (upstream's GuaranteedUpdate). For
    /// server-side transitions such as binding a pod, which are not client updates: no update validation.
    /// </summary>
    public async ValueTask<ObjectResult> GuaranteedUpdateAsync(string ns, string name, Func<KubeObject, Status?> mutate, CancellationToken cancellationToken)
    {
        var key = ResourceKeys.Object(info, ns, name);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(key, 0, cancellationToken).ConfigureAwait(false);
            if (current.Status != StoreStatus.Ok)
            {
                return StoreError(current.Status, name);
            }

            var obj = Decode(current.Kv!);
            if (mutate(obj) is { } refused)
            {
                return refused;
            }

            var written = await store.UpdateAsync(key, Encode(obj), current.Kv!.ModRevision, cancellationToken).ConfigureAwait(false);
            if (written.Status == StoreStatus.Ok)
            {
                obj.Metadata!.ResourceVersion = Rv(written.Revision);
                return new ObjectResult(obj, null);
            }

            if (written.Status != StoreStatus.Conflict || attempt == DeleteAttempts)
            {
                return StoreError(written.Status, name);
            }
        }
    }

    private void PrepareForUpdate(KubeObject next, KubeObject old, bool keepStatus)
    {
        var meta = next.Metadata!;
        var oldMeta = old.Metadata!;
        next.ApiVersion = info.ApiVersion;
        next.Kind = info.Kind;
        meta.Uid = oldMeta.Uid;
        meta.CreationTimestamp = oldMeta.CreationTimestamp;
        meta.DeletionTimestamp = oldMeta.DeletionTimestamp;
        meta.DeletionGracePeriodSeconds = oldMeta.DeletionGracePeriodSeconds;
        meta.Generation = oldMeta.Generation;
        if (keepStatus)
        {
            ObjectParts.SetStatus(next, ObjectParts.Status(old));
        }

        // Only the finalize subresource changes a namespace's spec.finalizers (upstream namespaceStrategy).
        if (next is Namespace ns && old is Namespace oldNs)
        {
            (ns.Spec ??= new NamespaceSpec()).Finalizers = oldNs.Spec?.Finalizers;
        }

        if (ObjectParts.HasSpec(next) && !ObjectParts.SpecEquals(next, old))
        {
            meta.Generation = (oldMeta.Generation ?? 0) + 1;
        }
    }

    // A status update changes status only: everything else comes from the stored object.
    private static KubeObject WithStatusOf(KubeObject old, KubeObject update)
    {
        var next = (KubeObject)KubeJson.Deserialize(KubeJson.Serialize(old), old.GetType())!;
        ObjectParts.SetStatus(next, ObjectParts.Status(update));
        next.Metadata!.ResourceVersion = update.Metadata!.ResourceVersion;
        return next;
    }

    private Status? Scope(ObjectMeta meta, string ns)
    {
        if (!info.Namespaced)
        {
            meta.Namespace = null;
            return null;
        }

        if (string.IsNullOrEmpty(meta.Namespace))
        {
            meta.Namespace = ns;
        }
        else if (meta.Namespace != ns)
        {
            return ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        return null;
    }

    private string Key(ObjectMeta meta) => ResourceKeys.Object(info, meta.Namespace ?? "", meta.Name ?? "");

    // Objects are stored as FastKube MessagePack (docs/msgpack-schema.md): several times cheaper to encode and
    // decode than JSON and about half the bytes. The resourceVersion is not stored: it is the key's mod
    // revision, filled in on every read (as upstream's etcd3 store does).
    private static byte[] Encode(KubeObject obj)
    {
        var meta = obj.Metadata!;
        var resourceVersion = meta.ResourceVersion;
        meta.ResourceVersion = null;
        try
        {
            return MsgPackObjects.Encode(obj);
        }
        finally
        {
            meta.ResourceVersion = resourceVersion;
        }
    }

    private KubeObject Decode(KeyValue kv)
    {
        var obj = (KubeObject)MsgPackObjects.Decode(info.Type, kv.Value);
        (obj.Metadata ??= new ObjectMeta()).ResourceVersion = Rv(kv.ModRevision);
        return obj;
    }

    private Status StoreError(StoreStatus status, string name) => status switch
    {
        StoreStatus.NotFound => ApiErrors.NotFound(info, name),
        StoreStatus.AlreadyExists => ApiErrors.AlreadyExists(info, name),
        StoreStatus.Conflict => ApiErrors.Conflict(info, name, ApiErrors.ModifiedConflict),
        StoreStatus.ValueTooLarge => ApiErrors.TooLarge(),
        _ => ApiErrors.Internal($"store answered {status} for {ApiErrors.QualifiedResource(info)} \"{name}\""),
    };

    /// <summary>The server's clock at second precision: meta/v1 Time has no more, so stored values equal what clients read back.</summary>
    public DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private static string Rv(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
