namespace FastKube.Client.Tests;

/// <summary>Polls a condition of an asynchronous system with a generous bound (a loaded machine is slow), never a timing assert.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s: {what}");
            await Task.Delay(20);
        }
    }
}
