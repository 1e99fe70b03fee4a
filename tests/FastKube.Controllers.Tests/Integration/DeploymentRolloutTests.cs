using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Controllers.Deployments;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>
/// The Deployment and ReplicaSet controllers against the real API server (in-process, memory store). With no
/// node agent yet, the test plays the kubelet: it marks pods Running and Ready so that rollouts progress.
/// </summary>
public sealed class DeploymentRolloutTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static Deployment Web(int replicas, string image) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image }] },
            },
        },
    };

    private async Task<List<Pod>> WaitForPodsAsync(Func<List<Pod>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var pods = (await Client.Resource<Pod>().ListAsync("default")).Items.Where(p => p.Metadata!.DeletionTimestamp is null).ToList();
            if (done(pods))
            {
                return pods;
            }

            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting; pods now: {string.Join(", ", pods.Select(p => $"{p.Metadata!.Name}({p.Spec!.Containers![0].Image})"))}");
            await Task.Delay(50);
        }
    }

    // The kubelet's part: every pod without a Ready condition becomes Running and Ready.
    private async Task MarkReadyAsync(IEnumerable<Pod> pods)
    {
        foreach (var pod in pods.Where(p => p.Status?.Conditions is null))
        {
            var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var patch = """{"status":{"phase":"Running","podIP":"10.0.0.1","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"NOW"}]}}""".Replace("NOW", now, StringComparison.Ordinal);
            await Client.Resource<Pod>().PatchStatusAsync("default", pod.Metadata!.Name!, PatchType.Merge, patch);
        }
    }

    [Fact]
    public async Task CreateScaleAndRollOut_PodsFollowTheDeployment()
    {
        await Client.Resource<Deployment>().CreateAsync(Web(3, "nginx:1.27"));

        var pods = await WaitForPodsAsync(p => p.Count == 3);
        var owner = Assert.Single(pods.Select(p => p.Metadata!.OwnerReferences!.Single().Name).Distinct());
        Assert.StartsWith("web-", owner);
        await MarkReadyAsync(pods);

        await Client.Resource<Deployment>().PatchAsync("default", "web", PatchType.Merge, """{"spec":{"replicas":5}}""");
        await MarkReadyAsync(await WaitForPodsAsync(p => p.Count == 5));

        await Client.Resource<Deployment>().PatchAsync("default", "web", PatchType.StrategicMerge, """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}""");
        var deadline = DateTime.UtcNow + Patience;
        List<Pod> current;
        do
        {
            current = await WaitForPodsAsync(_ => true);
            await MarkReadyAsync(current);
            Assert.True(DateTime.UtcNow < deadline, "rollout did not finish");
            await Task.Delay(50);
        }
        while (!(current.Count == 5 && current.All(p => p.Spec!.Containers![0].Image == "nginx:1.28")));

        var sets = (await Client.Resource<ReplicaSet>().ListAsync("default")).Items;
        Assert.Equal(2, sets.Count);
        Assert.Equal(
            [("1", "nginx:1.27", 0), ("2", "nginx:1.28", 5)],
            sets.Select(s => (s.Metadata!.Annotations![ReplicaSetTemplates.RevisionAnnotation], s.Spec!.Template!.Spec!.Containers![0].Image!, s.Spec.Replicas!.Value)).Order());
        var deployment = await Client.Resource<Deployment>().GetAsync("default", "web");
        Assert.Equal("2", deployment.Metadata!.Annotations![ReplicaSetTemplates.RevisionAnnotation]);

        // Events are written in the background, as upstream's recorder does.
        var eventDeadline = DateTime.UtcNow + Patience;
        List<Event> events;
        do
        {
            events = (await Client.Resource<Event>().ListAsync("default")).Items;
            Assert.True(DateTime.UtcNow < eventDeadline, "events never arrived");
            await Task.Delay(50);
        }
        while (!(events.Any(e => e.Reason == "ScalingReplicaSet" && e.InvolvedObject!.Kind == "Deployment" && e.Message!.StartsWith("Scaled up replica set web-", StringComparison.Ordinal))
            && events.Any(e => e.Reason == "SuccessfulCreate" && e.InvolvedObject!.Kind == "ReplicaSet" && e.Source!.Component == "replicaset-controller")));
    }
}
