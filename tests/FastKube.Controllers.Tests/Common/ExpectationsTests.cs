using FastKube.Client.Testing;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.Tests.Common;

public sealed class ExpectationsTests
{
    [Fact]
    public void Satisfied_AfterEveryExpectedEvent()
    {
        var expectations = new Expectations(new ManualTimeProvider());
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
        var time = new ManualTimeProvider();
        var expectations = new Expectations(time);
        expectations.Expect("k", creates: 3, deletes: 0);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(expectations.Satisfied("k"));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(expectations.Satisfied("k"));
    }
}
