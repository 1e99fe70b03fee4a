namespace FastKube.Balancer.Tcp;

/// <summary>
/// Every live TCP connection in an intrusive list (no node allocation per connection), for the periodic
/// sweep that enforces idle timeouts and drain deadlines, and for shutdown.
/// </summary>
internal sealed class ConnectionTable
{
    private readonly Lock _lock = new();
    private TcpConnection? _head;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(TcpConnection connection)
    {
        lock (_lock)
        {
            connection.Next = _head;
            if (_head is not null)
            {
                _head.Previous = connection;
            }

            _head = connection;
            _count++;
        }
    }

    public void Remove(TcpConnection connection)
    {
        lock (_lock)
        {
            if (connection.Previous is { } previous)
            {
                previous.Next = connection.Next;
            }
            else if (_head == connection)
            {
                _head = connection.Next;
            }
            else
            {
                return;
            }

            if (connection.Next is { } next)
            {
                next.Previous = connection.Previous;
            }

            connection.Previous = null;
            connection.Next = null;
            _count--;
        }
    }

    /// <summary>The connections matching a predicate, collected under the lock and returned so they can be aborted outside it (an abort may complete them inline, and completion removes them).</summary>
    public List<TcpConnection> Where(Func<TcpConnection, bool> predicate)
    {
        var matches = new List<TcpConnection>();
        lock (_lock)
        {
            for (var connection = _head; connection is not null; connection = connection.Next)
            {
                if (predicate(connection))
                {
                    matches.Add(connection);
                }
            }
        }

        return matches;
    }
}
