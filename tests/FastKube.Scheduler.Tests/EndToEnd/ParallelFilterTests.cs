using FastKube.Scheduler.Config;

namespace FastKube.Scheduler.Tests.EndToEnd;

/// <summary>Parallel filtering (large searches) must choose exactly what the sequential walk chooses.</summary>
public sealed class ParallelFilterTests
{
    private static Dictionary<string, string> Run(int parallelism)
    {
        var config = SchedulerConfiguration.Default with { Parallelism = parallelism, PercentageOfNodesToScore = 100 };
        var harness = new Harness(config).Nodes([.. Enumerable.Range(0, 5000).Select(i => Objects.Node($"n{i}", cpu: i % 7 == 0 ? "100m" : "4"))]);
        return harness.Schedule([.. Enumerable.Range(0, 40).Select(i => Objects.Pod($"p{i}", cpu: "500m"))]);
    }

    [Fact]
    public void Schedule_ParallelAndSequential_SamePlacements()
    {
        var sequential = Run(1);
        var parallel = Run(Math.Max(2, Environment.ProcessorCount));

        Assert.Equal(40, sequential.Count);
        Assert.Equal(sequential, parallel);
    }
}
