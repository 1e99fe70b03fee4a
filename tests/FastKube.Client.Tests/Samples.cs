using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Client.Tests;

/// <summary>Small valid objects for tests; callers mutate what they need.</summary>
internal static class Samples
{
    public static ConfigMap ConfigMap(string ns, string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Data = data.ToDictionary(d => d.Key, d => d.Value),
    };

    public static Pod Pod(string ns, string name, string? nodeName = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new PodSpec { NodeName = nodeName, Containers = [new Container { Name = "app", Image = "busybox:1.36" }] },
    };

    public static Deployment Deployment(string ns, string name, int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "busybox:1.36" }] },
            },
        },
    };
}
