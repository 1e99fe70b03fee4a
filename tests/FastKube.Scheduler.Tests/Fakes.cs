using System.Collections.Concurrent;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Resource;

namespace FastKube.Scheduler.Tests;

/// <summary>Binds in memory: records where each pod went, optionally failing named pods.</summary>
internal sealed class MemoryBinder : IPodBinder
{
    public ConcurrentDictionary<string, string> Bound { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FailFor { get; } = new(StringComparer.Ordinal);

    public ValueTask<BindResult> BindAsync(Pod pod, string nodeName, CancellationToken cancellationToken)
    {
        var name = pod.Metadata!.Name!;
        if (FailFor.Remove(name))
        {
            return ValueTask.FromResult(BindResult.Failed("conflict"));
        }

        Bound[name] = nodeName;
        return ValueTask.FromResult(BindResult.Success);
    }
}

/// <summary>Records every event the scheduler reports.</summary>
internal sealed class RecordingEvents : ISchedulerEvents
{
    public List<(string Pod, string Node)> Scheduled { get; } = [];

    public List<(string Pod, string Reason, string Message)> Failed { get; } = [];

    public List<(string Pod, string? Node)> Nominated { get; } = [];

    public List<(string Victim, string Preemptor, string Node)> Preempted { get; } = [];

    public void OnScheduled(Pod pod, string nodeName) => Scheduled.Add((pod.Metadata!.Name!, nodeName));

    public void OnFailedScheduling(Pod pod, string reason, string message) => Failed.Add((pod.Metadata!.Name!, reason, message));

    public void OnNominated(Pod pod, string? nodeName) => Nominated.Add((pod.Metadata!.Name!, nodeName));

    public void OnPreempted(Pod victim, Pod preemptor, string nodeName) => Preempted.Add((victim.Metadata!.Name!, preemptor.Metadata!.Name!, nodeName));
}

/// <summary>Builders of nodes and pods, with Action mutators.</summary>
internal static class Objects
{
    public static Node Node(string name, string cpu = "4", string memory = "8Gi", int pods = 110, Action<Node>? mutate = null)
    {
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
            Spec = new NodeSpec(),
            Status = new NodeStatus
            {
                Allocatable = new Dictionary<string, Quantity>
                {
                    ["cpu"] = Quantity.Parse(cpu),
                    ["memory"] = Quantity.Parse(memory),
                    ["ephemeral-storage"] = Quantity.Parse("100Gi"),
                    ["pods"] = Quantity.FromValue(pods),
                },
            },
        };
        mutate?.Invoke(node);
        return node;
    }

    public static Pod Pod(string name, string? cpu = "100m", string? memory = "128Mi", Action<Pod>? mutate = null)
    {
        var requests = new Dictionary<string, Quantity>();
        if (cpu is not null)
        {
            requests["cpu"] = Quantity.Parse(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = Quantity.Parse(memory);
        }

        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = "uid-" + name, Labels = [] },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox", Resources = new ResourceRequirements { Requests = requests } }] },
            Status = new PodStatus { Phase = "Pending" },
        };
        mutate?.Invoke(pod);
        return pod;
    }

    public static Node WithLabel(this Node node, string key, string value)
    {
        node.Metadata!.Labels![key] = value;
        return node;
    }

    public static Node WithTaint(this Node node, string key, string value, string effect)
    {
        (node.Spec!.Taints ??= []).Add(new Taint { Key = key, Value = value, Effect = effect });
        return node;
    }

    public static Pod WithLabel(this Pod pod, string key, string value)
    {
        pod.Metadata!.Labels![key] = value;
        return pod;
    }

    public static Pod With(this Pod pod, Action<Pod> mutate)
    {
        mutate(pod);
        return pod;
    }

    public static Pod OnNode(this Pod pod, string node)
    {
        pod.Spec!.NodeName = node;
        pod.Status!.Phase = "Running";
        return pod;
    }
}
