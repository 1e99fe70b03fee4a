using FastKube.Api.Core;

namespace FastKube.Api.Tests.Core;

public sealed class TolerationsTests
{
    private static readonly Taint Gpu = new() { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" };

    [Theory]
    [InlineData("dedicated", "Equal", "gpu", "NoSchedule", true)]
    [InlineData("dedicated", null, "gpu", null, true)]
    [InlineData("dedicated", "Equal", "cpu", "NoSchedule", false)]
    [InlineData("dedicated", "Exists", null, "", true)]
    [InlineData("other", "Exists", null, null, false)]
    [InlineData(null, "Exists", null, null, true)]
    [InlineData("dedicated", "Exists", null, "NoExecute", false)]
    [InlineData("dedicated", "Lt", "gpu", null, false)]
    public void Tolerates_FollowsKeyOperatorValueAndEffect(string? key, string? op, string? value, string? effect, bool expected)
    {
        Assert.Equal(expected, new Toleration { Key = key, Operator = op, Value = value, Effect = effect }.Tolerates(Gpu));
    }
}
