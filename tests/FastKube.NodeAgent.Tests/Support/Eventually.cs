namespace FastKube.NodeAgent.Tests.Support;

/// <summary>Polls a condition with a generous limit: the machine is shared and loaded, so slow is fine, wrong is not.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var stop = DateTime.UtcNow + Limit;
        var value = await probe();
        while (!done(value))
        {
            Assert.True(DateTime.UtcNow < stop, $"gave up after {Limit.TotalSeconds} s waiting for {what}; last value: {value}");
            await Task.Delay(50);
            value = await probe();
        }

        return value;
    }

    public static Task WaitAsync(Func<bool> done, string what) =>
        WaitAsync(() => Task.FromResult(done()), d => d, what);
}
