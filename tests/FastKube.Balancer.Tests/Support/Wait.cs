namespace FastKube.Balancer.Tests.Support;

/// <summary>Waits for asynchronous effects with a generous bound (the machine is shared and slow); never asserts on elapsed time.</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(10);
        }
    }
}
