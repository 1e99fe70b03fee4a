namespace FastKube.Scheduler.Cache;

/// <summary>
/// Maps strings (label keys and values, taint keys, resource names) to dense ids so node facts are
/// int arrays compared by number. Ids are never reused; the table grows with distinct strings seen.
/// </summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    public int Count => _strings.Count;

    public int Intern(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _strings.Count;
            _ids.Add(value, id);
            _strings.Add(value);
        }

        return id;
    }

    /// <summary>The id of <paramref name="value"/>, or -1 when no node or pod ever used it (so nothing can match it).</summary>
    public int Find(string value) => _ids.TryGetValue(value, out var id) ? id : -1;

    public string this[int id] => _strings[id];
}
