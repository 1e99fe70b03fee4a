namespace FastKube.Storage;

/// <summary>A sorted, paginated read of a key range, shaped for Kubernetes list <c>limit</c>/<c>continue</c>.</summary>
/// <param name="Range">The keys to read.</param>
/// <param name="Limit">At most this many items; 0 means no limit.</param>
/// <param name="Revision">Read at this revision; 0 means the current revision.</param>
/// <param name="ContinueAfter">
/// Exclusive lower bound: only keys after it are returned. A Kubernetes continue token is the last
/// key of the previous page plus the revision it was read at; pass both back here.
/// </param>
public readonly record struct RangeRequest(KeyRange Range, int Limit = 0, long Revision = 0, string? ContinueAfter = null);
