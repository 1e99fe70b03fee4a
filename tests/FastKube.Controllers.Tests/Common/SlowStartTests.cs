using FastKube.Controllers.Common;

namespace FastKube.Controllers.Tests.Common;

public sealed class SlowStartTests
{
    [Fact]
    public async Task RunAsync_AllSucceed_RunsEveryCallInDoublingBatches()
    {
        var calls = 0;

        var succeeded = await SlowStart.RunAsync(10, _ => Task.FromResult(Interlocked.Increment(ref calls) > 0), CancellationToken.None);

        Assert.Equal((10, 10), (succeeded, calls));
    }

    [Fact]
    public async Task RunAsync_EveryCallFails_StopsAfterTheFirstBatch()
    {
        var calls = 0;

        var succeeded = await SlowStart.RunAsync(500, _ => Task.FromResult(Interlocked.Increment(ref calls) < 0), CancellationToken.None);

        Assert.Equal((0, 1), (succeeded, calls));
    }

    [Fact]
    public async Task RunAsync_FailureInTheThirdBatch_StopsThere()
    {
        var calls = 0;

        // Batches of 1, 2, 4: the 5th call (in the third batch) fails, so 1 + 2 + 4 calls are made and 8 never are.
        var succeeded = await SlowStart.RunAsync(15, _ => Task.FromResult(Interlocked.Increment(ref calls) != 5), CancellationToken.None);

        Assert.Equal((6, 7), (succeeded, calls));
    }
}
