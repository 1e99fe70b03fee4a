using FastKube.Api.Meta;
using FastKube.ApiServer.Registry;
using FastKube.Storage;

namespace FastKube.ApiServer.Caching;

/// <summary>
/// What one watch or list selects: a namespace ("" for all) and label and field selectors. A pod
/// watch with <c>spec.nodeName=X</c> (every node agent's watch) is indexed by that node name, so an
/// event reaches only the watchers of its node (upstream's cacher IndexedTrigger).
/// </summary>
internal sealed class WatchFilter
{
    public WatchFilter(string ns, ListOptions options)
    {
        Namespace = ns;
        Options = options;
        Selective = !options.Labels.IsEverything || !options.Fields.IsEverything;
        NodeName = options.Fields.RequiresExactMatch("spec.nodeName", out var node) ? node : null;
    }

    public string Namespace { get; }

    public ListOptions Options { get; }

    /// <summary>The node this filter requires (spec.nodeName=X), or null.</summary>
    public string? NodeName { get; }

    /// <summary>Whether selectors apply beyond the namespace.</summary>
    public bool Selective { get; }

    public bool Matches(CachedObject obj) =>
        (Namespace.Length == 0 || obj.Namespace == Namespace) && (!Selective || SelectorsMatch(obj.Object));

    /// <summary>
    /// The event this filter's watcher sees for a change, or null: with selectors an object that starts
    /// matching arrives as ADDED and one that stops matching as DELETED, as upstream's cacher does.
    /// </summary>
    public string? Translate(in CacheEvent e)
    {
        if (Namespace.Length > 0 && e.Current.Namespace != Namespace)
        {
            return null;
        }

        if (e.Type == WatchEventType.Deleted)
        {
            return !Selective || SelectorsMatch(e.Current.Object) ? WatchEventTypes.Deleted : null;
        }

        if (!Selective)
        {
            return e.Type == WatchEventType.Created ? WatchEventTypes.Added : WatchEventTypes.Modified;
        }

        var now = SelectorsMatch(e.Current.Object);
        var before = e.Previous is { } previous && SelectorsMatch(previous.Object);
        return (now, before) switch
        {
            (true, true) => WatchEventTypes.Modified,
            (true, false) => WatchEventTypes.Added,
            (false, true) => WatchEventTypes.Deleted,
            _ => null,
        };
    }

    private bool SelectorsMatch(KubeObject obj) =>
        Options.Labels.Matches(obj.Metadata?.Labels)
        && Options.Fields.Matches(field => SelectableFields.TryGet(obj, field, out var value) ? value : null);
}
