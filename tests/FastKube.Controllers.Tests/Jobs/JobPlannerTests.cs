using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Jobs;

namespace FastKube.Controllers.Tests.Jobs;

public sealed class JobPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Job Job(int? completions = 3, int parallelism = 2, int backoffLimit = 6, long? deadline = null, JobStatus? status = null) => new()
    {
        Metadata = new ObjectMeta { Name = "once", Namespace = "batch", Uid = "job-uid" },
        Spec = new JobSpec
        {
            Completions = completions,
            Parallelism = parallelism,
            BackoffLimit = backoffLimit,
            ActiveDeadlineSeconds = deadline,
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["batch.kubernetes.io/job-name"] = "once" } },
                Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "c", Image = "busybox" }] },
            },
        },
        Status = status,
    };

    private static Pod Pod(string uid, string phase = PodPhases.Running, bool tracked = true) => new()
    {
        Metadata = new ObjectMeta { Name = "once-" + uid, Uid = uid, CreationTimestamp = Now.AddMinutes(-1), Finalizers = tracked ? [JobPlanner.TrackingFinalizer] : null },
        Spec = new PodSpec { NodeName = "n1" },
        Status = new PodStatus { Phase = phase },
    };

    [Fact]
    public void Plan_NewJob_StartsParallelismPodsAndRecordsStartTime()
    {
        var plan = JobPlanner.Plan(Job(), [], Now);

        Assert.Equal(2, plan.Create);
        Assert.Equal(Now, plan.Status.StartTime);
        Assert.Equal(0, plan.Status.Active);
    }

    [Fact]
    public void Plan_FinishedPod_IsRecordedThenCountedOnlyAfterItsFinalizerIsGone()
    {
        var first = JobPlanner.Plan(Job(), [Pod("a", PodPhases.Succeeded), Pod("b")], Now);
        Assert.Equal(["a"], first.Status.UncountedTerminatedPods!.Succeeded);
        Assert.Equal(0, first.Status.Succeeded);
        Assert.Equal("a", Assert.Single(first.RemoveFinalizer).Metadata!.Uid);

        // The same sync again (the finalizer removal not yet seen): still recorded once, not counted.
        var again = JobPlanner.Plan(Job(status: first.Status), [Pod("a", PodPhases.Succeeded), Pod("b")], Now);
        Assert.Equal(["a"], again.Status.UncountedTerminatedPods!.Succeeded);
        Assert.Equal(0, again.Status.Succeeded);

        var counted = JobPlanner.Plan(Job(status: again.Status), [Pod("a", PodPhases.Succeeded, tracked: false), Pod("b")], Now);
        Assert.Equal(1, counted.Status.Succeeded);
        Assert.Empty(counted.Status.UncountedTerminatedPods!.Succeeded!);
        Assert.Empty(counted.RemoveFinalizer);
        Assert.Equal(1, counted.Create);

        var still = JobPlanner.Plan(Job(status: counted.Status), [Pod("a", PodPhases.Succeeded, tracked: false), Pod("b")], Now);
        Assert.Equal(1, still.Status.Succeeded);
    }

    [Fact]
    public void Plan_CompletionsReached_Completes()
    {
        var plan = JobPlanner.Plan(Job(status: new JobStatus { Succeeded = 2, StartTime = Now.AddMinutes(-5) }), [Pod("c", PodPhases.Succeeded)], Now);

        var complete = Assert.Single(plan.Status.Conditions!);
        Assert.Equal((JobConditionTypes.Complete, "True"), (complete.Type, complete.Status));
        Assert.Equal(Now, plan.Status.CompletionTime);
        Assert.Equal(0, plan.Create);
    }

    [Fact]
    public void Plan_NearlyDone_StartsOnlyTheRemainingCompletions()
    {
        Assert.Equal(1, JobPlanner.Plan(Job(completions: 3, parallelism: 5, status: new JobStatus { Succeeded = 2 }), [], Now).Create);
    }

    [Fact]
    public void Plan_FailuresPastBackoffLimit_FailsAndDeletesActivePods()
    {
        var plan = JobPlanner.Plan(Job(backoffLimit: 1, status: new JobStatus { Failed = 1 }), [Pod("x", PodPhases.Failed), Pod("y")], Now);

        var failed = Assert.Single(plan.Status.Conditions!);
        Assert.Equal((JobConditionTypes.Failed, "BackoffLimitExceeded"), (failed.Type, failed.Reason));
        Assert.Equal("y", Assert.Single(plan.Delete).Metadata!.Uid);
        Assert.Equal(0, plan.Create);
    }

    [Fact]
    public void Plan_DeletedRunningPod_CountsAsFailed()
    {
        var deleted = Pod("z");
        deleted.Metadata!.DeletionTimestamp = Now;

        var plan = JobPlanner.Plan(Job(), [deleted], Now);

        Assert.Equal(["z"], plan.Status.UncountedTerminatedPods!.Failed);
    }

    [Fact]
    public void Plan_PastActiveDeadline_FailsWithDeadlineExceeded()
    {
        var plan = JobPlanner.Plan(Job(deadline: 60, status: new JobStatus { StartTime = Now.AddMinutes(-2) }), [Pod("a")], Now);

        Assert.Equal("DeadlineExceeded", Assert.Single(plan.Status.Conditions!).Reason);
    }

    [Fact]
    public void Plan_WorkQueueJob_CompletesWhenOneSucceededAndNoneRun()
    {
        var running = JobPlanner.Plan(Job(completions: null, parallelism: 3, status: new JobStatus { Succeeded = 1 }), [Pod("a")], Now);
        Assert.Equal(0, running.Create);
        Assert.Null(running.Status.Conditions);

        var done = JobPlanner.Plan(Job(completions: null, parallelism: 3, status: new JobStatus { Succeeded = 1 }), [], Now);
        Assert.Equal(JobConditionTypes.Complete, Assert.Single(done.Status.Conditions!).Type);
    }

    [Fact]
    public void PodFromTemplate_IsTrackedAndOwned()
    {
        var pod = JobPlanner.PodFromTemplate(Job());

        Assert.Equal([JobPlanner.TrackingFinalizer], pod.Metadata!.Finalizers);
        Assert.Equal(("once-", "Job", "job-uid"), (pod.Metadata.GenerateName, pod.Metadata.OwnerReferences![0].Kind, pod.Metadata.OwnerReferences[0].Uid));
    }
}
