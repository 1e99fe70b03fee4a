using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.NodeAgent.Tests.Support;

/// <summary>Pod builders: a busybox pod bound to a node, changed by mutators.</summary>
internal static class TestPods
{
    public const string Image = "localhost/fastkube/busybox:latest";

    public static Pod Make(string name, string node, Action<Pod>? mutate = null)
    {
        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = Guid.NewGuid().ToString() },
            Spec = new PodSpec
            {
                NodeName = node,
                RestartPolicy = RestartPolicies.Always,
                TerminationGracePeriodSeconds = 30,
                Containers = [Container("app")],
            },
            Status = new PodStatus { Phase = PodPhases.Pending },
        };
        mutate?.Invoke(pod);
        return pod;
    }

    public static Container Container(string name, params string[] command) => new()
    {
        Name = name,
        Image = Image,
        ImagePullPolicy = PullPolicies.IfNotPresent,
        Command = command.Length > 0 ? [.. command] : ["sleep", "3600"],
    };
}
