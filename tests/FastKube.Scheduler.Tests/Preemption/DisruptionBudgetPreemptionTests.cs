using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Policy;
using FastKube.Scheduler.Tests.EndToEnd;

namespace FastKube.Scheduler.Tests.Preemption;

/// <summary>
/// DefaultPreemption with PodDisruptionBudgets, against upstream's selectVictimsOnNode (budget-violating
/// victims reprieved first) and pickOneNodeForPreemption (fewest violations, lowest highest-victim priority,
/// lowest priority sum, fewest victims, latest start of the highest-priority victims).
/// </summary>
public sealed class DisruptionBudgetPreemptionTests
{
    private static readonly DateTimeOffset Early = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Late = Early.AddHours(1);

    [Fact]
    public void Preempt_VictimProtectedByBudget_PrefersNodeWithoutViolation()
    {
        var harness = TwoNodes(guardedPriority: 1, otherPriority: 5);
        harness.Scheduler.SetDisruptionBudget(Budget(allowed: 0));

        harness.Schedule(Preemptor());

        // Without the budget node a (victim priority 1) beats node b (5).
        Assert.Equal(("other", "high", "b"), Assert.Single(harness.Events.Preempted));
    }

    [Fact]
    public void Preempt_NoBudget_LowestHighestVictimPriorityWins()
    {
        var harness = TwoNodes(guardedPriority: 1, otherPriority: 5);

        harness.Schedule(Preemptor());

        Assert.Equal(("guarded", "high", "a"), Assert.Single(harness.Events.Preempted));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(0, true)]
    public void Preempt_BudgetAllowsDisruptionOrVictimAlreadyDisrupted_NotAViolation(int allowed, bool alreadyDisrupted)
    {
        var harness = TwoNodes(guardedPriority: 1, otherPriority: 5);
        var budget = Budget(allowed);
        if (alreadyDisrupted)
        {
            budget.Status!.DisruptedPods = new() { ["guarded"] = Early };
        }

        harness.Scheduler.SetDisruptionBudget(budget);

        harness.Schedule(Preemptor());

        Assert.Equal(("guarded", "high", "a"), Assert.Single(harness.Events.Preempted));
    }

    [Fact]
    public void Preempt_BudgetInOtherNamespaceOrRemoved_Ignored()
    {
        var harness = TwoNodes(guardedPriority: 1, otherPriority: 5);
        var elsewhere = Budget(allowed: 0);
        elsewhere.Metadata!.Namespace = "other";
        harness.Scheduler.SetDisruptionBudget(elsewhere);
        var removed = Budget(allowed: 0);
        harness.Scheduler.SetDisruptionBudget(removed);
        harness.Scheduler.RemoveDisruptionBudget(removed);

        harness.Schedule(Preemptor());

        Assert.Equal(("guarded", "high", "a"), Assert.Single(harness.Events.Preempted));
    }

    [Fact]
    public void Preempt_OneOfTwoVictimsNeeded_ReprievesTheBudgetedPodFirst()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"));
        // Without budgets the earlier-started "plain" pod is the more important one and would be reprieved.
        harness.Scheduler.AddPod(Objects.Pod("plain", cpu: "400m", mutate: p => { p.Spec!.Priority = 1; p.Status!.StartTime = Early; }).OnNode("a"));
        harness.Scheduler.AddPod(Objects.Pod("guarded", cpu: "400m", mutate: p => { p.Spec!.Priority = 1; p.Status!.StartTime = Late; }).WithLabel("app", "guarded").OnNode("a"));
        harness.Scheduler.SetDisruptionBudget(Budget(allowed: 0));

        harness.Schedule(Objects.Pod("high", cpu: "500m", mutate: p => p.Spec!.Priority = 1000));

        Assert.Equal(("plain", "high", "a"), Assert.Single(harness.Events.Preempted));
    }

    [Fact]
    public void Preempt_TiedCandidates_LatestStartedHighestPriorityVictimWins()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"), Objects.Node("b", cpu: "1"));
        harness.Scheduler.AddPod(Objects.Pod("old", cpu: "800m", mutate: p => { p.Spec!.Priority = 1; p.Status!.StartTime = Early; }).OnNode("a"));
        harness.Scheduler.AddPod(Objects.Pod("young", cpu: "800m", mutate: p => { p.Spec!.Priority = 1; p.Status!.StartTime = Late; }).OnNode("b"));

        harness.Schedule(Preemptor());

        Assert.Equal(("young", "high", "b"), Assert.Single(harness.Events.Preempted));
    }

    private static Harness TwoNodes(int guardedPriority, int otherPriority)
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"), Objects.Node("b", cpu: "1"));
        harness.Scheduler.AddPod(Objects.Pod("guarded", cpu: "800m", mutate: p => p.Spec!.Priority = guardedPriority).WithLabel("app", "guarded").OnNode("a"));
        harness.Scheduler.AddPod(Objects.Pod("other", cpu: "800m", mutate: p => p.Spec!.Priority = otherPriority).OnNode("b"));
        return harness;
    }

    private static Pod Preemptor() => Objects.Pod("high", cpu: "800m", mutate: p => p.Spec!.Priority = 1000);

    private static PodDisruptionBudget Budget(int allowed) => new()
    {
        Metadata = new ObjectMeta { Name = "guard", Namespace = "default" },
        Spec = new PodDisruptionBudgetSpec { Selector = new LabelSelector { MatchLabels = new() { ["app"] = "guarded" } } },
        Status = new PodDisruptionBudgetStatus { DisruptionsAllowed = allowed },
    };
}
