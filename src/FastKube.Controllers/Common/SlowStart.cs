namespace FastKube.Controllers.Common;

/// <summary>
/// Upstream's slowStartBatch: runs <c>count</c> calls in batches of 1, 2, 4, … and stops after the first
/// batch in which any call failed, so a controller whose creates are all refused (quota, admission, a bad
/// template) makes one failed request instead of hundreds.
/// </summary>
internal static class SlowStart
{
    /// <summary>Returns how many calls succeeded; calls never made count as neither.</summary>
    public static async Task<int> RunAsync(int count, Func<CancellationToken, Task<bool>> call, CancellationToken cancellationToken)
    {
        var succeeded = 0;
        var batch = 1;
        var remaining = count;
        while (remaining > 0)
        {
            var size = Math.Min(batch, remaining);
            var results = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => call(cancellationToken))).ConfigureAwait(false);
            var ok = results.Count(r => r);
            succeeded += ok;
            if (ok < size)
            {
                break;
            }

            remaining -= size;
            batch *= 2;
        }

        return succeeded;
    }
}
