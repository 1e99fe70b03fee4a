using FastKube.Controllers.Common;

namespace FastKube.Controllers.Tests.Common;

public sealed class ExpectationsTests
{
    private sealed class SteppedTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Satisfied_AfterEveryExpectedEvent()
    {
        var expectations = new Expectations(new SteppedTime());
        expectations.Expect("shop/web", creates: 2, deletes: 1);

        expectations.Created("shop/web");
        expectations.Deleted("shop/web");
        Assert.False(expectations.Satisfied("shop/web"));

        expectations.Created("shop/web");
        Assert.True(expectations.Satisfied("shop/web"));
        Assert.True(expectations.Satisfied("shop/other"));
    }

    [Fact]
    public void Satisfied_LostEvents_ExpireAfterFiveMinutes()
    {
        var time = new SteppedTime();
        var expectations = new Expectations(time);
        expectations.Expect("k", creates: 3, deletes: 0);

        time.Now += TimeSpan.FromMinutes(4);
        Assert.False(expectations.Satisfied("k"));
        time.Now += TimeSpan.FromMinutes(2);
        Assert.True(expectations.Satisfied("k"));
    }
}
