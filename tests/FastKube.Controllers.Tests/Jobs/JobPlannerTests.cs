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

        Assert.Equal(2, plan.Create.Count);
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
        Assert.Single(counted.Create);

        var still = JobPlanner.Plan(Job(status: counted.Status), [Pod("a", PodPhases.Succeeded, tracked: false), Pod("b")], Now);
        Assert.Equal(1, still.Status.Succeeded);
    }

    [Fact]
    public void Plan_CompletionsReached_MeetsCriteriaThenCompletesOnceCounted()
    {
        var first = JobPlanner.Plan(Job(status: new JobStatus { Succeeded = 2, StartTime = Now.AddMinutes(-5) }), [Pod("c", PodPhases.Succeeded)], Now);
        var criteria = Assert.Single(first.Status.Conditions!);
        Assert.Equal((JobConditionTypes.SuccessCriteriaMet, "True", "CompletionsReached"), (criteria.Type, criteria.Status, criteria.Reason));
        Assert.Null(first.Status.CompletionTime);
        Assert.Empty(first.Create);

        var done = JobPlanner.Plan(Job(status: first.Status), [Pod("c", PodPhases.Succeeded, tracked: false)], Now.AddSeconds(1));
        Assert.Equal([JobConditionTypes.SuccessCriteriaMet, JobConditionTypes.Complete], done.Status.Conditions!.Select(c => c.Type));
        Assert.Equal(3, done.Status.Succeeded);
        Assert.Equal(Now.AddSeconds(1), done.Status.CompletionTime);
        Assert.Equal("Completed", Assert.Single(done.Events).Reason);
    }

    [Fact]
    public void Plan_NearlyDone_StartsOnlyTheRemainingCompletions()
    {
        Assert.Single(JobPlanner.Plan(Job(completions: 3, parallelism: 5, status: new JobStatus { Succeeded = 2 }), [], Now).Create);
    }

    [Fact]
    public void Plan_FailuresPastBackoffLimit_TargetsFailureDeletesActivePodsThenFails()
    {
        var plan = JobPlanner.Plan(Job(backoffLimit: 1, status: new JobStatus { Failed = 1 }), [Pod("x", PodPhases.Failed), Pod("y")], Now);

        var target = Assert.Single(plan.Status.Conditions!);
        Assert.Equal((JobConditionTypes.FailureTarget, "BackoffLimitExceeded"), (target.Type, target.Reason));
        Assert.Equal("y", Assert.Single(plan.Delete).Metadata!.Uid);
        Assert.Empty(plan.Create);

        var failed = JobPlanner.Plan(Job(backoffLimit: 1, status: plan.Status), [Pod("x", PodPhases.Failed, tracked: false)], Now);
        var condition = failed.Status.Conditions!.Single(c => c.Type == JobConditionTypes.Failed);
        Assert.Equal(("True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"), (condition.Status, condition.Reason, condition.Message));
        Assert.Null(failed.Status.CompletionTime);
        Assert.True(Assert.Single(failed.Events).Warning);
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

        var target = Assert.Single(plan.Status.Conditions!);
        Assert.Equal((JobConditionTypes.FailureTarget, "DeadlineExceeded"), (target.Type, target.Reason));
        Assert.Equal("a", Assert.Single(plan.Delete).Metadata!.Uid);
    }

    [Fact]
    public void Plan_WorkQueueJob_CompletesWhenOneSucceededAndNoneRun()
    {
        var running = JobPlanner.Plan(Job(completions: null, parallelism: 3, status: new JobStatus { Succeeded = 1 }), [Pod("a")], Now);
        Assert.Empty(running.Create);
        Assert.Null(running.Status.Conditions);

        var done = JobPlanner.Plan(Job(completions: null, parallelism: 3, status: new JobStatus { Succeeded = 1 }), [], Now);
        Assert.Equal([JobConditionTypes.SuccessCriteriaMet, JobConditionTypes.Complete], done.Status.Conditions!.Select(c => c.Type));
    }

    [Fact]
    public void PodFromTemplate_IsTrackedAndOwned()
    {
        var pod = JobPlanner.PodFromTemplate(Job());

        Assert.Equal([JobPlanner.TrackingFinalizer], pod.Metadata!.Finalizers);
        Assert.Equal(("once-", "Job", "job-uid"), (pod.Metadata.GenerateName, pod.Metadata.OwnerReferences![0].Kind, pod.Metadata.OwnerReferences[0].Uid));
    }

    [Fact]
    public void Plan_NewFailure_WaitsOutThePodFailureBackoff()
    {
        var failedPod = Pod("f", PodPhases.Failed);
        var plan = JobPlanner.Plan(Job(completions: 1, parallelism: 1), [failedPod], JobBackoff.None, Now);

        Assert.Empty(plan.Create);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.RequeueAfter);
        Assert.Equal(new JobBackoff(1, Now), plan.Backoff);

        var later = JobPlanner.Plan(Job(completions: 1, parallelism: 1, status: plan.Status), [Pod("f", PodPhases.Failed, tracked: false)], plan.Backoff, Now.AddSeconds(10));
        Assert.Single(later.Create);
    }

    [Fact]
    public void Plan_Indexed_StartsLowestMissingIndexesAndRecordsCompletedOnes()
    {
        var job = Job(completions: 3, parallelism: 2);
        job.Spec!.CompletionMode = JobIndexes.Indexed;
        var first = JobPlanner.Plan(job, [], Now);
        Assert.Equal(["0", "1"], first.Create.Select(p => p.Metadata!.Annotations![JobIndexes.IndexKey]));
        var pod = first.Create[0];
        Assert.Equal(("once-0-", "0", "once-0"), (pod.Metadata!.GenerateName, pod.Metadata.Labels![JobIndexes.IndexKey], pod.Spec!.Hostname));
        var env = Assert.Single(pod.Spec.Containers![0].Env!);
        Assert.Equal((JobIndexes.IndexEnv, "metadata.annotations['batch.kubernetes.io/job-completion-index']"), (env.Name, env.ValueFrom!.FieldRef!.FieldPath));

        var done0 = Indexed(Pod("a", PodPhases.Succeeded), 0);
        var running1 = Indexed(Pod("b"), 1);
        var duplicate1 = Indexed(Pod("c"), 1);
        var second = JobPlanner.Plan(job, [done0, running1, duplicate1], Now);
        Assert.Equal("0", second.Status.CompletedIndexes);
        Assert.Equal("c", Assert.Single(second.Delete).Metadata!.Uid);
        Assert.Equal(["2"], second.Create.Select(p => p.Metadata!.Annotations![JobIndexes.IndexKey]));
    }

    [Fact]
    public void Plan_Suspended_DeletesActivePodsAndResumeRestartsTheClock()
    {
        var job = Job(status: new JobStatus { StartTime = Now.AddMinutes(-10) });
        job.Spec!.Suspend = true;
        var suspended = JobPlanner.Plan(job, [Pod("a")], Now);
        Assert.Equal("a", Assert.Single(suspended.Delete).Metadata!.Uid);
        Assert.Empty(suspended.Create);
        Assert.Equal(("True", "JobSuspended"), (suspended.Status.Conditions![0].Status, suspended.Status.Conditions[0].Reason));

        var resumedJob = Job(status: suspended.Status);
        var resumed = JobPlanner.Plan(resumedJob, [], Now.AddMinutes(1));
        Assert.Equal(("False", "JobResumed"), (resumed.Status.Conditions![0].Status, resumed.Status.Conditions[0].Reason));
        Assert.Equal(Now.AddMinutes(1), resumed.Status.StartTime);
        Assert.Equal(2, resumed.Create.Count);
        Assert.Equal(["Suspended", "Resumed"], suspended.Events.Concat(resumed.Events).Select(e => e.Reason));
    }

    private static Pod Indexed(Pod pod, int index)
    {
        pod.Metadata!.Annotations = new() { [JobIndexes.IndexKey] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return pod;
    }
}
