namespace FastKube.Client;

/// <summary>
/// Exponential backoff with full jitter: the n-th consecutive failure waits a random time in
/// [d/2, d) where d = initial × 2^(n-1), capped at max. <see cref="Reset"/> after a success.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max, TimeProvider time)
{
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures++, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    public void Reset() => _failures = 0;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
}
