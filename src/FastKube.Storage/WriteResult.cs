namespace FastKube.Storage;

/// <summary>Result of <see cref="IStore.CreateAsync"/>, <see cref="IStore.UpdateAsync"/> or <see cref="IStore.DeleteAsync"/>.</summary>
/// <param name="Status">
/// <see cref="StoreStatus.Ok"/>, <see cref="StoreStatus.AlreadyExists"/>, <see cref="StoreStatus.NotFound"/>,
/// <see cref="StoreStatus.Conflict"/> or a validation status; nothing was written unless it is Ok.
/// </param>
/// <param name="Revision">On success the revision of this write; otherwise the store revision the decision was made at.</param>
/// <param name="Current">
/// Ok create/update: the new key-value. AlreadyExists/Conflict: the live key-value that blocked the write.
/// Delete: <c>null</c>.
/// </param>
/// <param name="Previous">Ok update/delete: the key-value that was replaced or deleted (etcd's <c>prev_kv</c>).</param>
public readonly record struct WriteResult(StoreStatus Status, long Revision, KeyValue? Current, KeyValue? Previous)
{
    /// <summary>Whether the write happened.</summary>
    public bool Succeeded => Status == StoreStatus.Ok;

    internal static WriteResult Failed(StoreStatus status, long revision = 0, KeyValue? current = null) =>
        new(status, revision, current, null);
}
