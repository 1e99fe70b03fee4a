using FastKube.Api.Core;
using FastKube.NodeAgent.Containers;

namespace FastKube.NodeAgent.Tests.Containers;

public sealed class ResourceMapperTests
{
    private const long GiB = 1L << 30;

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(100, 102)]
    [InlineData(250, 256)]
    [InlineData(1000, 1024)]
    [InlineData(256000, 262144)]
    [InlineData(1000000, 262144)]
    public void MilliCpuToShares_Request_UpstreamShares(long milli, long shares) =>
        Assert.Equal(shares, ResourceMapper.MilliCpuToShares(milli));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 1000)]
    [InlineData(10, 1000)]
    [InlineData(11, 1100)]
    [InlineData(500, 50000)]
    [InlineData(2000, 200000)]
    public void MilliCpuToQuota_Limit_UpstreamQuota(long milli, long quota) =>
        Assert.Equal(quota, ResourceMapper.MilliCpuToQuota(milli, 100000));

    [Fact]
    public void Map_BurstableContainer_AllFields()
    {
        var container = TestPods.Container(mutate: c => c.Resources = TestPods.Resources(cpuRequest: "250m", memoryRequest: "1Gi", cpuLimit: "500m", memoryLimit: "2Gi"));
        var pod = TestPods.Pod(null, container);

        var r = ResourceMapper.Map(pod, container, 8 * GiB);

        Assert.Equal(256, r.CpuShares);
        Assert.Equal(50000, r.CpuQuota);
        Assert.Equal(100000, r.CpuPeriod);
        Assert.Equal(2 * GiB, r.MemoryLimitInBytes);
        Assert.Equal(2 * GiB, r.MemorySwapLimitInBytes);
        Assert.Equal(875, r.OomScoreAdj);   // 1000 - 1000 * 1/8
    }

    [Fact]
    public void Map_LimitOnly_SharesFromLimit()
    {
        var container = TestPods.Container(mutate: c => c.Resources = TestPods.Resources(cpuLimit: "1", memoryLimit: "64Mi"));

        var r = ResourceMapper.Map(TestPods.Pod(null, container), container, 8 * GiB);

        Assert.Equal(1024, r.CpuShares);
        Assert.Equal(100000, r.CpuQuota);
        // Upstream's raw computation sees no requests, so Burstable (the API server's defaulting would have
        // copied the limits into requests and made it Guaranteed).
        Assert.Equal(999, r.OomScoreAdj);
    }

    [Fact]
    public void Map_NoResources_BestEffortDefaults()
    {
        var container = TestPods.Container();

        var r = ResourceMapper.Map(TestPods.Pod(null, container), container, 8 * GiB);

        Assert.Equal(2, r.CpuShares);
        Assert.Equal(0, r.CpuQuota);
        Assert.Equal(100000, r.CpuPeriod);
        Assert.Equal(0, r.MemoryLimitInBytes);
        Assert.Equal(1000, r.OomScoreAdj);
    }

    [Theory]
    [InlineData(null, 999)]          // Burstable without a memory request: 1000 is kept for BestEffort
    [InlineData("1", 999)]
    [InlineData("4Gi", 500)]
    [InlineData("8Gi", 3)]           // at least 1000 + (-997)
    [InlineData("7.99Gi", 3)]
    public void OomScoreAdjust_Burstable_ScaledByRequest(string? memoryRequest, int expected)
    {
        var container = TestPods.Container(mutate: c => c.Resources = TestPods.Resources(cpuRequest: "100m", memoryRequest: memoryRequest));

        Assert.Equal(expected, ResourceMapper.OomScoreAdjust(TestPods.Pod(null, container), container, 8 * GiB));
    }

    [Fact]
    public void OomScoreAdjust_NodeCriticalPod_Guaranteed()
    {
        var container = TestPods.Container();
        var pod = TestPods.Pod(p => { p.Spec!.PriorityClassName = "system-node-critical"; p.Spec.Priority = 2000001000; }, container);

        Assert.Equal(-997, ResourceMapper.OomScoreAdjust(pod, container, 8 * GiB));
    }

    public static TheoryData<string, ResourceRequirements?[], string> QosCases => new()
    {
        { "nothing", [null, null], QOSClasses.BestEffort },
        { "zero requests", [TestPods.Resources(cpuRequest: "0")], QOSClasses.BestEffort },
        { "equal limits and requests", [TestPods.Resources("1", "1Gi", "1", "1Gi")], QOSClasses.Guaranteed },
        { "limits only, requests not defaulted", [TestPods.Resources(cpuLimit: "1", memoryLimit: "1Gi")], QOSClasses.Burstable },
        { "request below limit", [TestPods.Resources("500m", "1Gi", "1", "1Gi")], QOSClasses.Burstable },
        { "cpu limit only", [TestPods.Resources(cpuLimit: "1")], QOSClasses.Burstable },
        { "one guaranteed one empty", [TestPods.Resources("1", "1Gi", "1", "1Gi"), null], QOSClasses.Burstable },
        { "two guaranteed", [TestPods.Resources("1", "1Gi", "1", "1Gi"), TestPods.Resources("2", "2Gi", "2", "2Gi")], QOSClasses.Guaranteed },
        { "sums differ", [TestPods.Resources("1", "1Gi", "1", "1Gi"), TestPods.Resources(cpuLimit: "2", memoryLimit: "2Gi")], QOSClasses.Burstable },
        { "memory request only", [TestPods.Resources(memoryRequest: "1Gi")], QOSClasses.Burstable },
    };

    [Theory]
    [MemberData(nameof(QosCases))]
    public void Compute_Containers_UpstreamClass(string scenario, ResourceRequirements?[] resources, string expected)
    {
        var containers = resources.Select((r, i) => TestPods.Container("c" + i, c => c.Resources = r)).ToArray();

        Assert.True(expected == PodQos.Compute(TestPods.Pod(null, containers).Spec), scenario);
    }

    [Fact]
    public void Compute_InitContainerWithoutLimits_Burstable()
    {
        var pod = TestPods.Pod(null, TestPods.Container(mutate: c => c.Resources = TestPods.Resources("1", "1Gi", "1", "1Gi")));
        pod.Spec!.InitContainers = [TestPods.Container("init", c => c.Resources = TestPods.Resources(cpuRequest: "1"))];

        Assert.Equal(QOSClasses.Burstable, PodQos.Compute(pod.Spec));
    }
}
