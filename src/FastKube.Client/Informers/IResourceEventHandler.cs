using FastKube.Api.Meta;

namespace FastKube.Client.Informers;

/// <summary>
/// Receives an informer's changes. Calls to one handler are serial and in order, on the handler's own queue,
/// so a slow handler delays only itself, never the watch or other handlers. Objects are the cache's: do not
/// modify them. Typical controllers only enqueue a key here.
/// </summary>
public interface IResourceEventHandler<in T>
    where T : KubeObject
{
    /// <summary>A new object; <paramref name="isInInitialList"/> when it came from the first list (or the replay to a late handler).</summary>
    void OnAdd(T obj, bool isInInitialList);

    /// <summary>An object changed (or was seen again by a relist with a newer resourceVersion).</summary>
    void OnUpdate(T oldObj, T newObj);

    /// <summary>
    /// An object is gone. <paramref name="finalStateUnknown"/> (client-go's DeletedFinalStateUnknown tombstone)
    /// when the deletion was inferred by a relist after a missed watch: <paramref name="obj"/> is then the last
    /// version the cache held, not the deleted one.
    /// </summary>
    void OnDelete(T obj, bool finalStateUnknown);
}
