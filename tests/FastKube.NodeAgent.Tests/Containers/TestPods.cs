using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Resource;

namespace FastKube.NodeAgent.Tests.Containers;

internal static class TestPods
{
    public static Pod Pod(Action<Pod>? mutate = null, params Container[] containers)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = "web",
                Namespace = "ns1",
                Uid = "uid-1",
                Labels = new() { ["app"] = "web", ["tier"] = "front" },
                Annotations = new() { ["note"] = "say \"hi\"\n" },
            },
            Spec = new PodSpec
            {
                NodeName = "node-a",
                ServiceAccountName = "default",
                Containers = containers.Length > 0 ? [.. containers] : [new Container { Name = "main" }],
            },
        };
        mutate?.Invoke(pod);
        return pod;
    }

    public static Container Container(string name = "main", Action<Container>? mutate = null)
    {
        var container = new Container { Name = name, Image = "busybox" };
        mutate?.Invoke(container);
        return container;
    }

    public static ResourceRequirements Resources(string? cpuRequest = null, string? memoryRequest = null, string? cpuLimit = null, string? memoryLimit = null)
    {
        var r = new ResourceRequirements { Requests = [], Limits = [] };
        if (cpuRequest is not null) r.Requests["cpu"] = Quantity.Parse(cpuRequest);
        if (memoryRequest is not null) r.Requests["memory"] = Quantity.Parse(memoryRequest);
        if (cpuLimit is not null) r.Limits["cpu"] = Quantity.Parse(cpuLimit);
        if (memoryLimit is not null) r.Limits["memory"] = Quantity.Parse(memoryLimit);
        return r;
    }
}
