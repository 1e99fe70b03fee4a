namespace FastKube.Api.Apply;

/// <summary>How server-side apply merges a list (upstream's <c>x-kubernetes-list-type</c>).</summary>
public enum ListKind
{
    /// <summary>Replaced whole and owned as one field (the default for lists without a tag).</summary>
    Atomic,

    /// <summary>A set of scalars: each value is merged and owned on its own.</summary>
    Set,

    /// <summary>A list of objects keyed by <see cref="ListType.Keys"/>: each item is merged and owned on its own.</summary>
    Map,
}

/// <summary>A list field's merge type and, for <see cref="ListKind.Map"/>, its key fields (<c>x-kubernetes-list-map-keys</c>).</summary>
public sealed record ListType(ListKind Kind, IReadOnlyList<string> Keys)
{
    public static ListType Atomic { get; } = new(ListKind.Atomic, []);

    public static ListType Set { get; } = new(ListKind.Set, []);

    public static ListType MapBy(params string[] keys) => new(ListKind.Map, keys);
}
