using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class NameRulesAllocationTests
{
    private static int RunValidChecks()
    {
        var problems = 0;
        problems += NameRules.IsDNS1123Label("my-name").Count;
        problems += NameRules.IsDNS1123Subdomain("web.default.svc").Count;
        problems += NameRules.IsDNS1035Label("web").Count;
        problems += NameRules.IsQualifiedName("app.kubernetes.io/name").Count;
        problems += NameRules.IsValidLabelValue("v1.2.3").Count;
        problems += NameRules.IsConfigMapKey("app.yaml").Count;
        problems += NameRules.IsValidPortName("http").Count;
        problems += NameRules.IsValidIP("10.96.0.1").Count;
        problems += NameRules.IsValidPercent("25%").Count;
        return problems;
    }

    [Fact]
    public void Checks_ValidInputs_AllocateNothing()
    {
        RunValidChecks();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var problems = RunValidChecks();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, problems);
        Assert.Equal(0, allocated);
    }
}
