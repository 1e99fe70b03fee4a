using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.Scheduler.Cache;

namespace FastKube.Scheduler.Tests.Cache;

/// <summary>Pod requests as upstream's resource helper computes them (app sum vs init peak, sidecars, overhead).</summary>
public sealed class PodResourcesTests
{
    private static Container C(string? cpu, bool sidecar = false) => new()
    {
        Name = "c",
        RestartPolicy = sidecar ? "Always" : null,
        Resources = cpu is null ? null : new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse(cpu) } },
    };

    public static TheoryData<string, Container[], Container[], string?, long> Cases => new()
    {
        { "apps sum", [C("1"), C("500m")], [], null, 1500 },
        { "init peak above apps", [C("1")], [C("4")], null, 4000 },
        { "apps above init", [C("3")], [C("2")], null, 3000 },
        { "sidecar adds to apps", [C("1")], [C("1", sidecar: true)], null, 2000 },
        { "sidecar runs beside later init", [C("2")], [C("3"), C("1", sidecar: true), C("2")], null, 3000 },
        { "sidecar plus later big init", [C("1")], [C("1", sidecar: true), C("4")], null, 5000 },
        { "overhead added", [C("1")], [], "250m", 1250 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void For_Containers_MilliCpuAsUpstream(string name, Container[] apps, Container[] inits, string? overhead, long milliCpu)
    {
        var spec = new PodSpec { Containers = [.. apps], InitContainers = [.. inits] };
        if (overhead is not null)
        {
            spec.Overhead = new() { ["cpu"] = Quantity.Parse(overhead) };
        }

        Assert.True(PodResources.For(spec).MilliCpu == milliCpu, name);
    }

    [Fact]
    public void For_ContainerWithoutRequests_NonZeroDefaultsForScoring()
    {
        var resources = PodResources.For(new PodSpec { Containers = [C(null), C("300m")] });

        Assert.Equal(300, resources.MilliCpu);
        Assert.Equal(400, resources.NonZeroMilliCpu);
        Assert.Equal(0, resources.Memory);
        Assert.Equal(2 * 200L * 1024 * 1024, resources.NonZeroMemory);
    }

    [Fact]
    public void For_ExtendedResource_KeptAsScalar()
    {
        var spec = new PodSpec { Containers = [new Container { Resources = new ResourceRequirements { Requests = new() { ["example.com/gpu"] = Quantity.FromValue(2) } } }] };

        Assert.Equal([new KeyValuePair<string, long>("example.com/gpu", 2)], PodResources.For(spec).Scalars);
    }
}
