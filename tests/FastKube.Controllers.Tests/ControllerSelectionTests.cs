namespace FastKube.Controllers.Tests;

public sealed class ControllerSelectionTests
{
    [Theory]
    [InlineData("*", "namespace", true)]
    [InlineData("*,-namespace", "namespace", false)]
    [InlineData("*,-namespace", "garbagecollector", true)]
    [InlineData("namespace", "namespace", true)]
    [InlineData("namespace", "replicaset", false)]
    [InlineData("-namespace,namespace", "namespace", false)]
    public void IsEnabled_UpstreamListSemantics(string list, string name, bool enabled)
    {
        Assert.Equal(enabled, ControllerSelection.IsEnabled(list.Split(','), name));
    }

    [Fact]
    public void Validate_UnknownName_NamesFieldAndEntry()
    {
        var errors = ControllerSelection.Validate(["*", "-garbagecollector", "-cronjob"], "controllers");

        var error = Assert.Single(errors);
        Assert.StartsWith("controllers: Invalid value: \"-cronjob\": \"cronjob\" is not in the list of known controllers", error, StringComparison.Ordinal);
    }
}
