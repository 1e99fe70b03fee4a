using FastKube.Api.Core;
using FastKube.Cri.V1;
using FastKube.NodeAgent.Pleg;
using FastKube.NodeAgent.Pods;
using FastKube.NodeAgent.Status;
using FastKube.NodeAgent.Tests.Support;
using CriState = FastKube.Cri.V1.ContainerState;

namespace FastKube.NodeAgent.Tests.Status;

public sealed class PodStatusBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly RuntimeSandbox Sandbox = new("sb", 0, PodSandboxState.SandboxReady, 1, "10.0.0.7");

    public static TheoryData<string, string?, string?, string, string> Phases => new()
    {
        // restartPolicy, app state ("running", "exit:N", "backoff:N", null = not created), expected phase, Ready
        { RestartPolicies.Always, null, null, PodPhases.Pending, "False" },
        { RestartPolicies.Always, "running", null, PodPhases.Running, "True" },
        { RestartPolicies.Always, "exit:0", null, PodPhases.Running, "False" },
        { RestartPolicies.Always, "backoff:1", null, PodPhases.Running, "False" },
        { RestartPolicies.OnFailure, "exit:0", null, PodPhases.Succeeded, "False" },
        { RestartPolicies.OnFailure, "backoff:2", null, PodPhases.Running, "False" },
        { RestartPolicies.Never, "exit:0", null, PodPhases.Succeeded, "False" },
        { RestartPolicies.Never, "exit:1", null, PodPhases.Failed, "False" },
        { RestartPolicies.Never, "running", "exit:1", PodPhases.Running, "False" },
        { RestartPolicies.Always, "running", "running", PodPhases.Running, "True" },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void Build_AppStates_PhaseAndReadyAsUpstream(string policy, string? first, string? second, string phase, string ready)
    {
        var pod = TestPods.Make("p", "n", p =>
        {
            p.Spec!.RestartPolicy = policy;
            if (second is not null)
            {
                p.Spec.Containers!.Add(TestPods.Container("side"));
            }
        });
        var containers = new List<RuntimeContainer>();
        var waiting = new Dictionary<string, ContainerWaiting>();
        Add(containers, waiting, "app", first);
        Add(containers, waiting, "side", second);

        var status = Build(pod, new RuntimePod("u", first is null ? [] : [Sandbox], containers), waiting);

        Assert.Equal(phase, status.Phase);
        Assert.Equal(ready, Condition(status, PodConditionTypes.Ready).Status);
        Assert.Equal(ready, Condition(status, PodConditionTypes.ContainersReady).Status);
    }

    [Fact]
    public void Build_NotReadyByProbe_ConditionNamesContainer()
    {
        var pod = TestPods.Make("p", "n");
        var runtime = new RuntimePod("u", [Sandbox], [Running("app", "c1")]);

        var status = PodStatusBuilder.Build(pod, runtime, new Dictionary<string, ContainerWaiting>(), new FixedHealth(false), "192.0.2.1", "containerd", Now);

        var ready = Condition(status, PodConditionTypes.Ready);
        Assert.Equal("False", ready.Status);
        Assert.Equal("ContainersNotReady", ready.Reason);
        Assert.Equal("containers with unready status: [app]", ready.Message);
        Assert.False(status.ContainerStatuses![0].Ready);
        Assert.True(status.ContainerStatuses[0].Started);
    }

    [Fact]
    public void Build_InitRunning_PendingWithInitializingApps()
    {
        var pod = TestPods.Make("p", "n", p => p.Spec!.InitContainers = [TestPods.Container("init")]);
        var runtime = new RuntimePod("u", [Sandbox], [Running("init", "c1")]);

        var status = Build(pod, runtime, []);

        Assert.Equal(PodPhases.Pending, status.Phase);
        Assert.Equal("PodInitializing", status.ContainerStatuses![0].State!.Waiting!.Reason);
        var initialized = Condition(status, PodConditionTypes.Initialized);
        Assert.Equal("False", initialized.Status);
        Assert.Equal("ContainersNotInitialized", initialized.Reason);
        Assert.Equal("containers with incomplete status: [init]", initialized.Message);
        Assert.False(status.InitContainerStatuses![0].Ready);
    }

    [Fact]
    public void Build_UnchangedCondition_KeepsLastTransitionTime()
    {
        var earlier = Now.AddMinutes(-5);
        var pod = TestPods.Make("p", "n", p => p.Status = new PodStatus
        {
            Phase = PodPhases.Running,
            StartTime = earlier,
            Conditions = [new PodCondition { Type = PodConditionTypes.Ready, Status = "True", LastTransitionTime = earlier }],
        });

        var status = Build(pod, new RuntimePod("u", [Sandbox], [Running("app", "c1")]), []);

        Assert.Equal(earlier, Condition(status, PodConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(Now, Condition(status, PodConditionTypes.ContainersReady).LastTransitionTime);
        Assert.Equal(earlier, status.StartTime);
    }

    [Fact]
    public void Build_RestartedContainer_LastStateAndCounts()
    {
        var pod = TestPods.Make("p", "n");
        var runtime = new RuntimePod("u", [Sandbox], [Running("app", "c2") with { RestartCount = 1 }, Exited("app", "c1", 2)]);

        var status = Build(pod, runtime, []);

        var app = status.ContainerStatuses![0];
        Assert.Equal(1, app.RestartCount);
        Assert.Equal("containerd://c2", app.ContainerID);
        Assert.Equal(2, app.LastState!.Terminated!.ExitCode);
        Assert.Equal("Error", app.LastState.Terminated.Reason);
        Assert.Equal("containerd://c1", app.LastState.Terminated.ContainerID);
        Assert.Equal(new[] { PodConditionTypes.PodReadyToStartContainers, PodConditionTypes.Initialized, PodConditionTypes.Ready, PodConditionTypes.ContainersReady, PodConditionTypes.PodScheduled },
            status.Conditions!.Select(c => c.Type));
    }

    private static void Add(List<RuntimeContainer> containers, Dictionary<string, ContainerWaiting> waiting, string name, string? state)
    {
        switch (state?.Split(':'))
        {
            case null:
                return;
            case ["running"]:
                containers.Add(Running(name, name + "-1"));
                return;
            case ["exit", var code]:
                containers.Add(Exited(name, name + "-1", int.Parse(code)));
                return;
            case ["backoff", var code]:
                containers.Add(Exited(name, name + "-1", int.Parse(code)));
                waiting[name] = new ContainerWaiting("CrashLoopBackOff", "back-off 10s restarting failed container");
                return;
        }
    }

    private static RuntimeContainer Running(string name, string id) =>
        new(id, "sb", name, 0, "h", CriState.ContainerRunning, 1, 1_000_000_000, 0, 0, "", "", "sha256:img");

    private static RuntimeContainer Exited(string name, string id, int code) =>
        new(id, "sb", name, 0, "h", CriState.ContainerExited, 1, 1_000_000_000, 2_000_000_000, code, code == 0 ? "Completed" : "Error", "", "sha256:img");

    private static PodStatus Build(Pod pod, RuntimePod runtime, Dictionary<string, ContainerWaiting> waiting) =>
        PodStatusBuilder.Build(pod, runtime, waiting, NoProbes.Instance, "192.0.2.1", "containerd", Now);

    private static PodCondition Condition(PodStatus status, string type) => status.Conditions!.Single(c => c.Type == type);

    private sealed class FixedHealth(bool ready) : IContainerHealth
    {
        public bool? IsReady(string podUid, string containerName) => ready;
    }
}
