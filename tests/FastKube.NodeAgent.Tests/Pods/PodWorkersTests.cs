using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.Client.Testing;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Pods;
using FastKube.NodeAgent.Simulated;
using FastKube.NodeAgent.Volumes;
using FastKube.Cri.Tests.Support;
using FastKube.NodeAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.NodeAgent.Tests.Pods;

public sealed class PodWorkersTests : IAsyncDisposable
{
    private const string Node = "node-a";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    private readonly SimulatedRuntime _runtime;
    private readonly RecordingPodApi _api = new();
    private readonly FastKube.NodeAgent.Tests.Containers.FakePodResourceSource _resources = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _failedMounts = new();
    private PodWorkers _workers;

    public PodWorkersTests()
    {
        _runtime = new SimulatedRuntime(new SimulatedRuntimeOptions { TimeProvider = _time });
        _workers = NewWorkers();
    }

    public async ValueTask DisposeAsync()
    {
        await _workers.DisposeAsync();
        _runtime.Dispose();
    }

    [Fact]
    public async Task UpdatePod_OneContainer_RunningReadyWithPodIP()
    {
        var pod = TestPods.Make("web", Node);

        _workers.UpdatePod(pod);

        var status = await StatusAsync(pod, s => s.Phase == PodPhases.Running);
        Assert.Equal("10.88.0.2", status.PodIP);
        Assert.Equal("192.0.2.10", status.HostIP);
        Assert.Equal("True", ConditionOf(status, PodConditionTypes.Ready));
        Assert.Equal("True", ConditionOf(status, PodConditionTypes.ContainersReady));
        var app = Assert.Single(status.ContainerStatuses!);
        Assert.StartsWith("simulated://", app.ContainerID, StringComparison.Ordinal);
        Assert.True(app.Ready);
        Assert.Equal(0, app.RestartCount);
        Assert.NotNull(app.State!.Running);
        Assert.Equal(QOSClasses.BestEffort, status.QOSClass);
    }

    [Fact]
    public async Task UpdatePod_InitContainers_StartStrictlyInOrder()
    {
        _runtime.Script("init-1", new ContainerScript { ExitAfter = TimeSpan.FromSeconds(5) });
        _runtime.Script("init-2", new ContainerScript { ExitAfter = TimeSpan.FromSeconds(5) });
        var pod = TestPods.Make("web", Node, p => p.Spec!.InitContainers = [TestPods.Container("init-1"), TestPods.Container("init-2")]);

        _workers.UpdatePod(pod);
        var status = await StatusAsync(pod, s => s.InitContainerStatuses?[0].State?.Running is not null);
        Assert.NotNull(status.InitContainerStatuses![1].State!.Waiting);
        Assert.Equal("PodInitializing", status.ContainerStatuses![0].State!.Waiting!.Reason);
        Assert.Equal("containers with incomplete status: [init-1 init-2]", Condition(status, PodConditionTypes.Initialized).Message);
        Assert.Equal(1, _runtime.Calls["StartContainer"]);

        _time.Advance(TimeSpan.FromSeconds(5));
        _workers.Trigger(pod.Metadata!.Uid!);
        status = await StatusAsync(pod, s => s.InitContainerStatuses?[1].State?.Running is not null);
        Assert.Equal(0, status.InitContainerStatuses![0].State!.Terminated!.ExitCode);
        Assert.Null(status.ContainerStatuses![0].State!.Running);

        _time.Advance(TimeSpan.FromSeconds(5));
        _workers.Trigger(pod.Metadata!.Uid!);
        status = await StatusAsync(pod, s => s.Phase == PodPhases.Running);
        Assert.Equal("True", ConditionOf(status, PodConditionTypes.Initialized));
        Assert.Equal(3, _runtime.Calls["StartContainer"]);
    }

    [Fact]
    public async Task UpdatePod_InitFailsUnderNever_PodFailedAndAppNeverCreated()
    {
        _runtime.Script("init", new ContainerScript { ExitAfter = TimeSpan.FromSeconds(1), ExitCode = 3 });
        var pod = TestPods.Make("job", Node, p =>
        {
            p.Spec!.RestartPolicy = RestartPolicies.Never;
            p.Spec.InitContainers = [TestPods.Container("init")];
        });

        _workers.UpdatePod(pod);
        await StatusAsync(pod, s => s.InitContainerStatuses?[0].State?.Running is not null);
        _time.Advance(TimeSpan.FromSeconds(1));
        _workers.Trigger(pod.Metadata!.Uid!);

        var status = await StatusAsync(pod, s => s.Phase == PodPhases.Failed);
        Assert.Equal(3, status.InitContainerStatuses![0].State!.Terminated!.ExitCode);
        Assert.Equal(1, _runtime.Calls["CreateContainer"]);
    }

    [Fact]
    public async Task Sync_CrashingContainer_ImmediateRestartThenDoublingBackoff()
    {
        _runtime.Script("app", new ContainerScript { ExitAfter = TimeSpan.FromSeconds(1), ExitCode = 1 });
        var pod = TestPods.Make("crash", Node);
        var uid = pod.Metadata!.Uid!;

        _workers.UpdatePod(pod);
        await StatusAsync(pod, s => s.ContainerStatuses?[0].State?.Running is not null);
        _time.Advance(TimeSpan.FromSeconds(1));
        _workers.Trigger(uid);
        await StatusAsync(pod, s => s.ContainerStatuses?[0] is { RestartCount: 1, State.Running: not null });

        _time.Advance(TimeSpan.FromSeconds(1));
        _workers.Trigger(uid);
        var status = await StatusAsync(pod, s => s.ContainerStatuses?[0].State?.Waiting is not null);
        var app = status.ContainerStatuses![0];
        Assert.Equal("CrashLoopBackOff", app.State!.Waiting!.Reason);
        Assert.Equal($"back-off 10s restarting failed container=app pod=crash_default({uid})", app.State.Waiting.Message);
        Assert.Equal(1, app.LastState!.Terminated!.ExitCode);
        Assert.Equal(1, app.RestartCount);
        Assert.Equal(PodPhases.Running, status.Phase);

        // The worker requeued itself for when the backoff ends; no event is needed.
        _time.Advance(TimeSpan.FromSeconds(10));
        await StatusAsync(pod, s => s.ContainerStatuses?[0] is { RestartCount: 2, State.Running: not null });

        _time.Advance(TimeSpan.FromSeconds(1));
        _workers.Trigger(uid);
        status = await StatusAsync(pod, s => s.ContainerStatuses?[0].State?.Waiting is not null);
        Assert.StartsWith("back-off 20s restarting failed container=app", status.ContainerStatuses![0].State!.Waiting!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_NeverPullMissingImage_ErrImageNeverPull()
    {
        var pod = TestPods.Make("web", Node, p => p.Spec!.Containers![0] = new Container { Name = "app", Image = "example.com/missing:1", ImagePullPolicy = PullPolicies.Never });

        _workers.UpdatePod(pod);

        var status = await StatusAsync(pod, s => s.ContainerStatuses?[0].State?.Waiting?.Reason == "ErrImageNeverPull");
        Assert.Equal("Container image \"example.com/missing:1\" is not present with pull policy of Never", status.ContainerStatuses![0].State!.Waiting!.Message);
        Assert.Equal(PodPhases.Pending, status.Phase);
    }

    [Fact]
    public async Task UpdatePod_DeletionTimestamp_StopsRemovesAndDeletes()
    {
        var pod = TestPods.Make("web", Node);
        _workers.UpdatePod(pod);
        await StatusAsync(pod, s => s.Phase == PodPhases.Running);

        var deleting = TestPods.Make("web", Node, p =>
        {
            p.Metadata = pod.Metadata;
            p.Metadata!.DeletionTimestamp = _time.GetUtcNow();
            p.Metadata.DeletionGracePeriodSeconds = 5;
        });
        _workers.UpdatePod(deleting);

        await Until.TrueAsync(() => _api.WasDeleted(pod), "the final delete");
        Assert.Empty(await _runtime.ListPodSandboxAsync());
        Assert.Empty(await _runtime.ListContainersAsync());
        Assert.Equal(1, _runtime.Calls["StopContainer"]);
        await Until.TrueAsync(() => _workers.Count == 0, "the worker to end");
    }

    [Fact]
    public async Task RestartContainerAsync_Unhealthy_KilledAndRestarted()
    {
        var pod = TestPods.Make("web", Node);
        _workers.UpdatePod(pod);
        await StatusAsync(pod, s => s.Phase == PodPhases.Running);

        await _workers.RestartContainerAsync(pod.Metadata!.Uid!, "app");
        // The kill is seen by the next sync (PLEG would trigger it), which restarts at once: first restart.
        await Until.TrueAsync(() => _runtime.Calls.GetValueOrDefault("StopContainer") == 1, "the kill");
        _workers.Trigger(pod.Metadata!.Uid!);

        var status = await StatusAsync(pod, s => s.ContainerStatuses?[0] is { RestartCount: 1, State.Running: not null });
        Assert.Equal(143, status.ContainerStatuses![0].LastState!.Terminated!.ExitCode);
    }

    [Fact]
    public async Task UpdatePod_AfterAgentRestart_AdoptsRunningContainers()
    {
        var pod = TestPods.Make("web", Node, p => p.Spec!.InitContainers = [TestPods.Container("init", "true")]);
        _runtime.Script("init", new ContainerScript { ExitAfter = TimeSpan.FromSeconds(1) });
        _workers.UpdatePod(pod);
        await StatusAsync(pod, s => s.InitContainerStatuses?[0].State?.Running is not null);
        _time.Advance(TimeSpan.FromSeconds(1));
        _workers.Trigger(pod.Metadata!.Uid!);
        var before = await StatusAsync(pod, s => s.Phase == PodPhases.Running);
        await _workers.DisposeAsync();

        _workers = NewWorkers();
        pod.Status = before;
        _workers.UpdatePod(pod);
        _workers.Trigger(pod.Metadata!.Uid!);
        await Until.TrueAsync(() => _workers.CompletedSyncs >= 1, "a sync by the new workers");

        Assert.Equal(2, _runtime.Calls["StartContainer"]);
        Assert.Equal(1, _runtime.Calls["RunPodSandbox"]);
        var after = await StatusAsync(pod, s => s.Phase == PodPhases.Running);
        Assert.Equal(before.ContainerStatuses![0].ContainerID, after.ContainerStatuses![0].ContainerID);
    }

    [Fact]
    public async Task UpdatePod_EnvAndLimits_ReachContainerConfig()
    {
        var pod = TestPods.Make("web", Node, p =>
        {
            var c = p.Spec!.Containers![0];
            c.Env =
            [
                new() { Name = "GREETING", Value = "hi" },
                new() { Name = "MSG", Value = "$(GREETING) there" },
                new() { Name = "MY_IP", ValueFrom = new() { FieldRef = new() { FieldPath = "status.podIP" } } },
                new() { Name = "CPUS", ValueFrom = new() { ResourceFieldRef = new() { Resource = "limits.cpu" } } },
            ];
            c.Resources = new() { Limits = new() { ["memory"] = Quantity.Parse("64Mi") } };
        });

        _workers.UpdatePod(pod);
        await StatusAsync(pod, s => s.Phase == PodPhases.Running);

        var config = Assert.Single(_runtime.CreatedConfigs("app"));
        var env = config.Envs.ToDictionary(e => e.Key, e => e.Value.ToStringUtf8());
        Assert.Equal("hi there", env["MSG"]);
        Assert.Equal("10.88.0.2", env["MY_IP"]);
        Assert.Equal("4", env["CPUS"]);
        Assert.Equal(64L << 20, config.Linux.Resources.MemoryLimitInBytes);
    }

    [Fact]
    public async Task UpdatePod_MissingConfigMap_CreateContainerConfigErrorThenRecovers()
    {
        var pod = TestPods.Make("web", Node, p => p.Spec!.Containers![0].EnvFrom = [new() { ConfigMapRef = new() { Name = "settings" } }]);

        _workers.UpdatePod(pod);
        var waiting = await StatusAsync(pod, s => s.ContainerStatuses?[0].State?.Waiting?.Reason == "CreateContainerConfigError");
        Assert.Equal("configmap \"settings\" not found", waiting.ContainerStatuses![0].State!.Waiting!.Message);
        Assert.False(_runtime.Calls.ContainsKey("CreateContainer"));

        _resources.AddConfigMap("default", "settings", new() { ["MODE"] = "fast" });
        _time.Advance(TimeSpan.FromSeconds(10));
        await StatusAsync(pod, s => s.Phase == PodPhases.Running);
        Assert.Equal("fast", Assert.Single(_runtime.CreatedConfigs("app")).Envs.Single(e => e.Key == "MODE").Value.ToStringUtf8());
    }

    [Fact]
    public async Task UpdatePod_MissingConfigMapVolume_WaitsWithFailedMountThenRunsWhenCreated()
    {
        var pod = TestPods.Make("web", Node, p =>
        {
            p.Spec!.Volumes = [new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "settings" } }];
            p.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "config", MountPath = "/etc/app" }];
        });

        _workers.UpdatePod(pod);

        var waiting = await StatusAsync(pod, s => s.ContainerStatuses?[0].State?.Waiting is not null);
        Assert.Equal("ContainerCreating", waiting.ContainerStatuses![0].State!.Waiting!.Reason);
        Assert.Equal(PodPhases.Pending, waiting.Phase);
        Assert.Contains("MountVolume.SetUp failed for volume \"config\" : configmap \"settings\" not found", _failedMounts);
        Assert.False(_runtime.Calls.ContainsKey("RunPodSandbox"));

        _resources.AddConfigMap("default", "settings", new() { ["a"] = "1" });
        _time.Advance(TimeSpan.FromSeconds(1));
        await StatusAsync(pod, s => s.Phase == PodPhases.Running);
        var mount = Assert.Single(Assert.Single(_runtime.CreatedConfigs("app")).Mounts);
        Assert.Equal("/etc/app", mount.ContainerPath);
        Assert.True(mount.Readonly);
        Assert.EndsWith($"/pods/{pod.Metadata!.Uid}/volumes/kubernetes.io~configmap/config", mount.HostPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatePod_MountOfUnknownVolume_CreateContainerConfigError()
    {
        var pod = TestPods.Make("web", Node, p => p.Spec!.Containers![0].VolumeMounts = [new VolumeMount { Name = "missing", MountPath = "/data" }]);

        _workers.UpdatePod(pod);

        var status = await StatusAsync(pod, s => s.ContainerStatuses?[0].State?.Waiting?.Reason == "CreateContainerConfigError");
        Assert.Equal("cannot find volume \"missing\" to mount into container \"app\"", status.ContainerStatuses![0].State!.Waiting!.Message);
    }

    private PodWorkers NewWorkers() =>
        new(_runtime, _api, new KubeletConfiguration { NodeName = Node }, new PodWorkerOptions("simulated", "192.0.2.10", false),
            new ContainerEnvironment(_resources, "192.0.2.10", 16L << 30, () => new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4") }),
            new VolumeManager(_resources, "/nonexistent-hollow-root", writeToDisk: false, "192.0.2.10", () => new Dictionary<string, Quantity>(),
                (_, message) => _failedMounts.Enqueue(message), _time, NullLogger.Instance),
            _time, NullLogger.Instance);

    private Task<PodStatus> StatusAsync(Pod pod, Func<PodStatus, bool> done) =>
        Eventually.WaitAsync(() => Task.FromResult(_api.StatusOf(pod)), s => s is not null && done(s), "pod status")!;

    private static PodCondition Condition(PodStatus status, string type) => status.Conditions!.Single(c => c.Type == type);

    private static string? ConditionOf(PodStatus status, string type) => Condition(status, type).Status;
}
