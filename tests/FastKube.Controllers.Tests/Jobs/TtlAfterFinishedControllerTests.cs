using FastKube.Api.Batch;
using FastKube.Api.Meta;
using FastKube.Controllers.Jobs;

namespace FastKube.Controllers.Tests.Jobs;

public sealed class TtlAfterFinishedControllerTests
{
    private static readonly DateTimeOffset Finished = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(JobConditionTypes.Complete, "True", 100, 100)]
    [InlineData(JobConditionTypes.Failed, "True", 0, 0)]
    [InlineData(JobConditionTypes.Complete, "False", 100, null)]
    [InlineData(JobConditionTypes.SuccessCriteriaMet, "True", 100, null)]
    [InlineData(JobConditionTypes.Complete, "True", null, null)]
    public void ExpiresAt_FinishConditionPlusTtl(string condition, string status, int? ttl, int? expiresAfterSeconds)
    {
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = "j" },
            Spec = new JobSpec { TtlSecondsAfterFinished = ttl },
            Status = new JobStatus { Conditions = [new JobCondition { Type = condition, Status = status, LastTransitionTime = Finished }] },
        };

        Assert.Equal(expiresAfterSeconds is { } s ? Finished.AddSeconds(s) : null, TtlAfterFinishedController.ExpiresAt(job));
    }

    [Fact]
    public void ExpiresAt_BeingDeleted_IsNotAgain()
    {
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = "j", DeletionTimestamp = Finished },
            Spec = new JobSpec { TtlSecondsAfterFinished = 0 },
            Status = new JobStatus { Conditions = [new JobCondition { Type = JobConditionTypes.Complete, Status = "True", LastTransitionTime = Finished }] },
        };

        Assert.Null(TtlAfterFinishedController.ExpiresAt(job));
    }
}
