using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client;
using FastKube.Controllers.Jobs;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The Job controller against the real API server; the test drives pod phases as a kubelet would.</summary>
public sealed class JobTests : IAsyncLifetime
{
    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    internal static Job NewJob(string name, int completions, int parallelism, int backoffLimit = 6) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new JobSpec
        {
            Completions = completions,
            Parallelism = parallelism,
            BackoffLimit = backoffLimit,
            Template = new PodTemplateSpec
            {
                Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "work", Image = "busybox" }] },
            },
        },
    };

    private Task<List<Pod>> PodsAsync(Job job) =>
        Client.Resource<Pod>().ListAsync("default", new ListOptions { LabelSelector = "batch.kubernetes.io/controller-uid=" + job.Metadata!.Uid }).ContinueWith(t => t.Result.Items, TaskScheduler.Default);

    private Task<Job> JobAsync(string name) => Client.Resource<Job>().GetAsync("default", name);

    private Task FinishAsync(Pod pod, string phase) =>
        Client.Resource<Pod>().PatchStatusAsync("default", pod.Metadata!.Name!, PatchType.Merge, """{"status":{"phase":"PHASE"}}""".Replace("PHASE", phase, StringComparison.Ordinal));

    [Fact]
    public async Task Job_PodsDrivenToSucceeded_CompletesAndReleasesThePods()
    {
        var job = await Client.Resource<Job>().CreateAsync(NewJob("pi", completions: 3, parallelism: 2));

        // The API server generated the selector and pod labels from the uid, as upstream's registry does.
        Assert.Equal(job.Metadata!.Uid, job.Spec!.Selector!.MatchLabels!["batch.kubernetes.io/controller-uid"]);
        Assert.Equal("pi", job.Spec.Template!.Metadata!.Labels!["job-name"]);

        var finished = new HashSet<string>();
        var done = await ControllerCluster.WaitAsync(() => JobAsync("pi"), j => j.Status?.Conditions?.Any(c => c.Type == JobConditionTypes.Complete) == true, () =>
        {
            foreach (var pod in PodsAsync(job).GetAwaiter().GetResult().Where(p => p.Status?.Phase != PodPhases.Succeeded && finished.Add(p.Metadata!.Name!)))
            {
                Assert.Contains(JobPlanner.TrackingFinalizer, pod.Metadata!.Finalizers!);
                FinishAsync(pod, PodPhases.Succeeded).GetAwaiter().GetResult();
            }
        });

        Assert.Equal((3, 0, 0), (done.Status!.Succeeded, done.Status.Failed, done.Status.Active));
        Assert.NotNull(done.Status.CompletionTime);
        Assert.Contains(done.Status.Conditions!, c => c.Type == JobConditionTypes.SuccessCriteriaMet);
        var pods = await ControllerCluster.WaitAsync(() => PodsAsync(job), ps => ps.All(p => p.Metadata!.Finalizers is null or { Count: 0 }));
        Assert.Equal(3, pods.Count);

        var (exit, output, error) = await KubectlProcess.Run(_cluster.KubeconfigPath, null, "get", "jobs", "-n", "default");
        Assert.True(exit == 0, error);
        var row = output.Split('\n').Single(l => l.StartsWith("pi ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["pi", "Complete", "3/3"], row[..3]);
    }

    [Fact]
    public async Task Job_FailurePastBackoffLimit_FailsWithBackoffLimitExceeded()
    {
        var job = await Client.Resource<Job>().CreateAsync(NewJob("doomed", completions: 1, parallelism: 1, backoffLimit: 0));
        var pod = Assert.Single(await ControllerCluster.WaitAsync(() => PodsAsync(job), ps => ps.Count == 1));
        await FinishAsync(pod, PodPhases.Failed);

        var failed = await ControllerCluster.WaitAsync(() => JobAsync("doomed"), j => j.Status?.Conditions?.Any(c => c.Type == JobConditionTypes.Failed) == true);

        Assert.Equal("BackoffLimitExceeded", failed.Status!.Conditions!.Single(c => c.Type == JobConditionTypes.Failed).Reason);
        Assert.Contains(failed.Status.Conditions!, c => c.Type == JobConditionTypes.FailureTarget);
        Assert.Equal(1, failed.Status.Failed);
        Assert.Single(await PodsAsync(job));
    }

    [Fact]
    public async Task Job_FinishedWithTtlZero_IsDeletedWithItsPods()
    {
        var spec = NewJob("short-lived", completions: 1, parallelism: 1, backoffLimit: 0);
        spec.Spec!.TtlSecondsAfterFinished = 0;
        var job = await Client.Resource<Job>().CreateAsync(spec);
        var pod = Assert.Single(await ControllerCluster.WaitAsync(() => PodsAsync(job), ps => ps.Count == 1));
        await FinishAsync(pod, PodPhases.Failed);

        await ControllerCluster.WaitAsync(() => Client.Resource<Job>().TryGetAsync("default", "short-lived"), j => j is null);

        Assert.Empty(await ControllerCluster.WaitAsync(() => PodsAsync(job), ps => ps.Count == 0));
    }
}
