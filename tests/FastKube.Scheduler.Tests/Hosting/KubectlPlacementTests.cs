namespace FastKube.Scheduler.Tests.Hosting;

/// <summary>
/// Placement through a real cluster, driven by the installed kubectl: pods created with kubectl land where
/// upstream's scheduler would put them on <see cref="SchedulingCluster"/>'s three nodes, and an unschedulable
/// pod shows upstream's FailedScheduling event and PodScheduled=False condition in <c>kubectl describe pod</c>.
/// Every pod requests little (10m, 16Mi), so resource scores do not decide between the nodes.
/// </summary>
public sealed class KubectlPlacementTests(SchedulingCluster cluster) : IClassFixture<SchedulingCluster>
{
    private const string Toleration = "tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]";

    [Fact]
    public async Task NodeSelector_Disk_LandsOnTheLabelledNode()
    {
        var node = await cluster.CreateAndWaitForNodeAsync(Pod("selector", "nodeSelector: {disk: ssd}"), "selector");

        Assert.Equal("node-a", node);
    }

    [Fact]
    public async Task RequiredNodeAffinity_ZoneIn_LandsInThatZone()
    {
        var node = await cluster.CreateAndWaitForNodeAsync(Pod("required-affinity", """
            affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [zone-b, zone-x]}]
            """), "required-affinity");

        Assert.Equal("node-b", node);
    }

    [Fact]
    public async Task PreferredNodeAffinity_Hdd_PicksTheUntaintedHddNode()
    {
        var node = await cluster.CreateAndWaitForNodeAsync(Pod("preferred-affinity", """
            affinity:
                nodeAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 100
                    preference:
                      matchExpressions: [{key: disk, operator: In, values: [hdd]}]
            """), "preferred-affinity");

        // node-c is hdd too, but its NoSchedule taint is not tolerated.
        Assert.Equal("node-b", node);
    }

    [Fact]
    public async Task Toleration_TaintedNodeSelected_LandsOnTaintedNode()
    {
        var node = await cluster.CreateAndWaitForNodeAsync(Pod("tolerating", "nodeSelector: {topology.kubernetes.io/zone: zone-c}\n  " + Toleration), "tolerating");

        Assert.Equal("node-c", node);
    }

    [Fact]
    public async Task RequiredPodAntiAffinity_Hostname_OnePodPerNodeAndTheFourthPending()
    {
        var nodes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(await cluster.CreateAndWaitForNodeAsync(AntiAffinityPod(i), $"anti-{i}"));
        }

        await cluster.KubectlOk(AntiAffinityPod(3), "create", "-f", "-");
        var describe = await DescribeWhenFailedAsync("anti-3");

        Assert.Equal(["node-a", "node-b", "node-c"], nodes.Order());
        Assert.Contains("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.", describe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopologySpread_DoNotScheduleOverZones_OnePodPerZone()
    {
        var nodes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(await cluster.CreateAndWaitForNodeAsync(Pod($"spread-{i}", """
                topologySpreadConstraints:
                  - maxSkew: 1
                    topologyKey: topology.kubernetes.io/zone
                    whenUnsatisfiable: DoNotSchedule
                    labelSelector: {matchLabels: {app: spread}}
                """ + "\n  " + Toleration, "app: spread"), $"spread-{i}"));
        }

        Assert.Equal(["node-a", "node-b", "node-c"], nodes.Order());
    }

    [Fact]
    public async Task Unschedulable_DescribeShowsUpstreamReasonAndCondition()
    {
        await cluster.KubectlOk(Pod("nowhere", "nodeSelector: {topology.kubernetes.io/zone: zone-c}"), "create", "-f", "-");

        var describe = await DescribeWhenFailedAsync("nowhere");

        Assert.Contains("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", describe, StringComparison.Ordinal);
        Assert.Matches(@"Warning\s+FailedScheduling\s+.*default-scheduler", describe);
        Assert.Matches(@"PodScheduled\s+False", describe);
        Assert.Equal("Unschedulable", await cluster.KubectlOk(null, "get", "pod", "nowhere", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}"));
    }

    /// <summary>kubectl describe once the FailedScheduling event and the condition are both there.</summary>
    private Task<string> DescribeWhenFailedAsync(string name) => SchedulingCluster.PollAsync(async () =>
    {
        var describe = await cluster.KubectlOk(null, "describe", "pod", name);
        return describe.Contains("FailedScheduling", StringComparison.Ordinal) && describe.Contains("PodScheduled", StringComparison.Ordinal) ? describe : null;
    }, $"pod {name} never showed FailedScheduling with its PodScheduled condition");

    private static string AntiAffinityPod(int index) => Pod($"anti-{index}", """
        affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - topologyKey: kubernetes.io/hostname
                labelSelector: {matchLabels: {app: anti}}
        """ + "\n  " + Toleration, "app: anti");

    private static string Pod(string name, string spec, string labels = "") => $$$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{{name}}}
          labels: { {{{labels}}} }
        spec:
          {{{spec}}}
          containers:
          - name: app
            image: registry.k8s.io/pause:3.10
            resources: {requests: {cpu: 10m, memory: 16Mi}}
        """;
}
