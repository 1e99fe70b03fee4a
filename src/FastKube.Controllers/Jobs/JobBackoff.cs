namespace FastKube.Controllers.Jobs;

/// <summary>
/// Upstream's pod failure backoff record of one Job: failures since the last success and when the last
/// one happened. The next pod is created no sooner than 10 s after a failure, doubling per further
/// consecutive failure up to 6 minutes (DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff).
/// </summary>
internal sealed record JobBackoff(int FailuresAfterLastSuccess, DateTimeOffset? LastFailure)
{
    public static readonly TimeSpan Base = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Max = TimeSpan.FromMinutes(6);

    public static JobBackoff None { get; } = new(0, null);

    /// <summary>The record after pods finished: a success clears the count, each later failure adds one.</summary>
    public JobBackoff After(IEnumerable<(DateTimeOffset At, bool Succeeded)> finished)
    {
        var record = this;
        foreach (var (at, succeeded) in finished.OrderBy(f => f.At))
        {
            record = succeeded
                ? None
                : new JobBackoff(record.FailuresAfterLastSuccess + 1, record.LastFailure is { } last && last > at ? last : at);
        }

        return record;
    }

    /// <summary>How long pod creation must still wait at <paramref name="now"/>; zero when it may go ahead.</summary>
    public TimeSpan Remaining(DateTimeOffset now)
    {
        if (FailuresAfterLastSuccess == 0 || LastFailure is not { } last)
        {
            return TimeSpan.Zero;
        }

        var backoff = Base;
        for (var i = 1; i < FailuresAfterLastSuccess && backoff < Max; i++)
        {
            backoff *= 2;
        }

        backoff = backoff > Max ? Max : backoff;
        var elapsed = now - last;
        return elapsed < TimeSpan.Zero ? backoff : elapsed >= backoff ? TimeSpan.Zero : backoff - elapsed;
    }
}
