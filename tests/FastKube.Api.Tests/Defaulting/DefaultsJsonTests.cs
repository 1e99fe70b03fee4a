using System.Text;
using System.Text.Json;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests.Defaulting;

public sealed class DefaultsJsonTests
{
    private static JsonElement DefaultedJson<T>(string json)
        where T : KubeObject
    {
        var obj = KubeJson.Deserialize<T>(Encoding.UTF8.GetBytes(json))!;
        Defaults.Apply(obj);
        using var doc = JsonDocument.Parse(KubeJson.Serialize(obj));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Apply_DeploymentJson_StrategyAndTemplateDefaultsSerialized()
    {
        var root = DefaultedJson<Deployment>(
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}}""");
        var spec = root.GetProperty("spec");
        Assert.Equal(1, spec.GetProperty("replicas").GetInt32());
        var strategy = spec.GetProperty("strategy");
        Assert.Equal("RollingUpdate", strategy.GetProperty("type").GetString());
        Assert.Equal("25%", strategy.GetProperty("rollingUpdate").GetProperty("maxSurge").GetString());
        Assert.Equal("25%", strategy.GetProperty("rollingUpdate").GetProperty("maxUnavailable").GetString());
        Assert.Equal(10, spec.GetProperty("revisionHistoryLimit").GetInt32());
        Assert.Equal(600, spec.GetProperty("progressDeadlineSeconds").GetInt32());
        var podSpec = spec.GetProperty("template").GetProperty("spec");
        Assert.Equal("IfNotPresent", podSpec.GetProperty("containers")[0].GetProperty("imagePullPolicy").GetString());
        Assert.False(podSpec.TryGetProperty("enableServiceLinks", out _));
    }

    [Fact]
    public void Apply_DaemonSetJson_IntMaxUnavailableSerializedAsNumber()
    {
        var root = DefaultedJson<DaemonSet>(
            """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"a","image":"x"}]}}}}""");
        var rolling = root.GetProperty("spec").GetProperty("updateStrategy").GetProperty("rollingUpdate");
        Assert.Equal(1, rolling.GetProperty("maxUnavailable").GetInt32());
        Assert.Equal(0, rolling.GetProperty("maxSurge").GetInt32());
    }

    [Fact]
    public void Apply_ServiceJson_TargetPortAndPolicies()
    {
        var root = DefaultedJson<Service>(
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"port":8080}]}}""");
        var spec = root.GetProperty("spec");
        Assert.Equal(8080, spec.GetProperty("ports")[0].GetProperty("targetPort").GetInt32());
        Assert.Equal("TCP", spec.GetProperty("ports")[0].GetProperty("protocol").GetString());
        Assert.Equal("Cluster", spec.GetProperty("externalTrafficPolicy").GetString());
        Assert.Equal("Cluster", spec.GetProperty("internalTrafficPolicy").GetString());
        Assert.Equal("None", spec.GetProperty("sessionAffinity").GetString());
    }

    [Fact]
    public void ApplyNode_NoAllocatable_CopiedFromCapacity()
    {
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = "n1" },
            Status = new NodeStatus { Capacity = new() { ["cpu"] = Quantity.Parse("4"), ["pods"] = Quantity.Parse("110") } },
        };
        Defaults.Apply(node);
        Assert.Equal(Quantity.Parse("4"), node.Status.Allocatable!["cpu"]);
        Assert.Equal(Quantity.Parse("110"), node.Status.Allocatable["pods"]);
    }

    [Fact]
    public void ApplyEndpoints_PortWithoutProtocol_Tcp()
    {
        var endpoints = new Endpoints { Subsets = [new EndpointSubset { Ports = [new EndpointPort { Port = 80 }] }] };
        Defaults.Apply(endpoints);
        Assert.Equal("TCP", endpoints.Subsets[0].Ports![0].Protocol);
    }

    [Fact]
    public void JobSelectors_Generate_LabelsAndSelectorFromUid()
    {
        var job = new Batch.Job { Metadata = new ObjectMeta { Name = "pi", Uid = "u-1" }, Spec = new Batch.JobSpec { Template = new PodTemplateSpec() } };
        JobSelectors.Generate(job);
        var labels = job.Spec!.Template!.Metadata!.Labels!;
        Assert.Equal("pi", labels["job-name"]);
        Assert.Equal("pi", labels["batch.kubernetes.io/job-name"]);
        Assert.Equal("u-1", labels["controller-uid"]);
        Assert.Equal("u-1", labels["batch.kubernetes.io/controller-uid"]);
        Assert.Equal(new Dictionary<string, string> { ["batch.kubernetes.io/controller-uid"] = "u-1" }, job.Spec.Selector!.MatchLabels);
    }

    [Fact]
    public void JobSelectors_JobWithoutLabels_TakesTheTemplateLabels()
    {
        var job = new Batch.Job { Metadata = new ObjectMeta { Name = "pi", Uid = "u-1" }, Spec = new Batch.JobSpec() };
        var labelled = new Batch.Job { Metadata = new ObjectMeta { Name = "pi", Uid = "u-1", Labels = new() { ["team"] = "a" } }, Spec = new Batch.JobSpec() };

        JobSelectors.Generate(job);
        JobSelectors.Generate(labelled);

        Assert.Equal(job.Spec!.Template!.Metadata!.Labels, job.Metadata!.Labels);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "a" }, labelled.Metadata!.Labels);
    }

    [Fact]
    public void JobSelectors_ManualSelector_Untouched()
    {
        var job = new Batch.Job { Metadata = new ObjectMeta { Name = "pi", Uid = "u-1" }, Spec = new Batch.JobSpec { ManualSelector = true } };
        JobSelectors.Generate(job);
        Assert.Null(job.Spec!.Selector);
    }
}
