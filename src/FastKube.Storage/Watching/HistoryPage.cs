namespace FastKube.Storage.Watching;

/// <summary>A slice of history a backend returns to <see cref="WatchHub"/> while a watch catches up.</summary>
/// <param name="Status">Ok or Compacted.</param>
/// <param name="Events">Events of the range in revision order.</param>
/// <param name="NextRevision">The first revision this page did not cover; the next page starts there.</param>
/// <param name="CompactRevision">The compaction revision when Compacted.</param>
internal readonly record struct HistoryPage(StoreStatus Status, IReadOnlyList<WatchEvent> Events, long NextRevision, long CompactRevision);

/// <summary>Reads events of <paramref name="range"/> with revisions in [<paramref name="from"/>, <paramref name="to"/>], at most <paramref name="max"/>.</summary>
internal delegate ValueTask<HistoryPage> HistoryReader(KeyRange range, long from, long to, int max, CancellationToken cancellationToken);
