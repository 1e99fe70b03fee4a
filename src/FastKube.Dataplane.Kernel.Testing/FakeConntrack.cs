using System.Net.Sockets;
using FastKube.Dataplane.Kernel.Conntrack;

namespace FastKube.Dataplane.Kernel.Testing;

/// <summary>An in-memory conntrack table: tests add flows, the code under test deletes them through the filter.</summary>
public sealed class FakeConntrack : IConntrack
{
    private readonly Lock _gate = new();
    private readonly List<ConntrackEntry> _entries = [];

    /// <summary>Every filter passed to <see cref="Delete"/>, in order.</summary>
    public List<ConntrackFilter> Deletes { get; } = [];

    public void Add(ConntrackEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<ConntrackEntry> List(AddressFamily family)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.OriginalDestination.AddressFamily == family).ToList();
        }
    }

    public int Delete(ConntrackFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.OriginalDestination is null && filter.ReplySource is null)
        {
            throw new ArgumentException("a conntrack filter needs an original destination or reply source", nameof(filter));
        }

        lock (_gate)
        {
            Deletes.Add(filter);
            return _entries.RemoveAll(filter.Matches);
        }
    }
}
