namespace FastKube.Client.WorkQueues;

public sealed partial class WorkQueue<T>
{
    // Items waiting out a delay: a heap by due time (stale entries skipped) and each item's earliest due time.
    private readonly PriorityQueue<T, long> _delayed = new();
    private readonly Dictionary<T, long> _dueAt = [];
    private ITimer? _timer;
    private long _timerDue = long.MaxValue;

    /// <summary>Adds the item once <paramref name="delay"/> has passed; an item already waiting keeps the earlier time.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            if (delay <= TimeSpan.Zero)
            {
                AddLocked(item);
                return;
            }

            var due = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_dueAt.TryGetValue(item, out var existing) && existing <= due)
            {
                return;
            }

            _dueAt[item] = due;
            _delayed.Enqueue(item, due);
            ArmTimer();
        }
    }

    /// <summary>Items waiting out a delay.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _dueAt.Count;
            }
        }
    }

    private void ArmTimer()
    {
        if (!_delayed.TryPeek(out _, out var next) || next >= _timerDue)
        {
            return;
        }

        _timerDue = next;
        var wait = _time.GetElapsedTime(_time.GetTimestamp(), next);
        _timer ??= _time.CreateTimer(static state => ((WorkQueue<T>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _timerDue = long.MaxValue;
            var now = _time.GetTimestamp();
            while (_delayed.TryPeek(out var item, out var due) && due <= now)
            {
                _delayed.Dequeue();
                if (_dueAt.TryGetValue(item, out var current) && current == due)
                {
                    _dueAt.Remove(item);
                    AddLocked(item);
                }
            }

            ArmTimer();
        }
    }

    private void StopDelays()
    {
        _timer?.Dispose();
        _timer = null;
        _delayed.Clear();
        _dueAt.Clear();
    }
}
