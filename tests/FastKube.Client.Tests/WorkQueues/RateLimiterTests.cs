using FastKube.Client.Testing;
using FastKube.Client.WorkQueues;

namespace FastKube.Client.Tests.WorkQueues;

public sealed class RateLimiterTests
{
    [Fact]
    public void ItemExponential_ManyFailures_CappedAtMax()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(RateLimiters.DefaultBaseDelay, RateLimiters.DefaultMaxDelay);
        var delays = Enumerable.Range(0, 100).Select(_ => limiter.When("k")).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), delays[10]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[^1]);
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("other"));
    }

    [Fact]
    public void Bucket_PastBurst_SpacesItemsAtQps()
    {
        var time = new ManualTimeProvider();
        var limiter = new BucketRateLimiter<string>(10, 100, time);

        var burst = Enumerable.Range(0, 100).Select(i => limiter.When($"k{i}")).ToList();
        var next = limiter.When("k100");
        var after = limiter.When("k101");

        Assert.All(burst, d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal(TimeSpan.FromMilliseconds(100), next);
        Assert.Equal(TimeSpan.FromMilliseconds(200), after);
    }

    [Fact]
    public void Default_BothLimits_TakesTheLonger()
    {
        var time = new ManualTimeProvider();
        var limiter = RateLimiters.Default<string>(time);

        var first = limiter.When("k");
        for (var i = 0; i < 120; i++)
        {
            limiter.When($"other{i}");
        }

        var bucketBound = limiter.When("fresh");

        Assert.Equal(TimeSpan.FromMilliseconds(5), first);
        Assert.True(bucketBound > TimeSpan.FromSeconds(1), $"bucket spacing dominates a fresh item's 5 ms: {bucketBound}");
        Assert.Equal(1, limiter.NumRequeues("k"));
    }
}
