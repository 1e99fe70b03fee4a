using System.Text.Json;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Client;
using Microsoft.Extensions.Logging;

namespace FastKube.Scheduler.Hosting;

/// <summary>
/// Turns what the scheduler reports into API writes, as kube-scheduler does: Scheduled and FailedScheduling
/// events, the PodScheduled=False condition, status.nominatedNodeName, and deletion of preemption victims.
/// The writes run in the background (the scheduler must not wait on them); failures are logged.
/// </summary>
internal sealed class ApiEvents(KubeClient client, TimeProvider time, ILogger logger) : ISchedulerEvents
{
    public const string Component = "default-scheduler";

    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();
    private readonly ResourceClient<Event> _events = client.Resource<Event>();

    public void OnScheduled(Pod pod, string nodeName) =>
        Background(() => RecordAsync(pod, "Normal", "Scheduled", SchedulingMessages.Scheduled(pod, nodeName)));

    public void OnFailedScheduling(Pod pod, string reason, string message) => Background(async () =>
    {
        var condition = SchedulingMessages.UnschedulableCondition(reason, message, time.GetUtcNow());
        var patch = "{\"status\":{\"conditions\":[" + KubeJson.SerializeToString(condition) + "]}}";
        await _pods.PatchStatusAsync(pod.Metadata!.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, patch).ConfigureAwait(false);
        await RecordAsync(pod, "Warning", "FailedScheduling", message).ConfigureAwait(false);
    });

    public void OnNominated(Pod pod, string? nodeName) => Background(() =>
        _pods.PatchStatusAsync(pod.Metadata!.Namespace, pod.Metadata.Name!, PatchType.Merge, "{\"status\":{\"nominatedNodeName\":" + JsonSerializer.Serialize(nodeName, KubeJsonContext.Default.String) + "}}"));

    public void OnPreempted(Pod victim, Pod preemptor, string nodeName) => Background(async () =>
    {
        await _pods.DeleteAsync(victim.Metadata!.Namespace, victim.Metadata.Name!).ConfigureAwait(false);
        await RecordAsync(victim, "Normal", "Preempted", SchedulingMessages.Preempted(preemptor, nodeName)).ConfigureAwait(false);
    });

    private Task RecordAsync(Pod pod, string type, string reason, string message)
    {
        var now = time.GetUtcNow();
        return _events.CreateAsync(new Event
        {
            Metadata = new ObjectMeta { GenerateName = pod.Metadata!.Name + ".", Namespace = pod.Metadata.Namespace },
            InvolvedObject = new ObjectReference { Kind = Pod.KindName, ApiVersion = "v1", Namespace = pod.Metadata.Namespace, Name = pod.Metadata.Name, Uid = pod.Metadata.Uid, ResourceVersion = pod.Metadata.ResourceVersion },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = Component },
            ReportingComponent = Component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        });
    }

    private void Background(Func<Task> write) => _ = Task.Run(async () =>
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (KubeApiException exception)
        {
            logger.LogWarning("scheduler: write failed: {Message}", exception.Message);
        }
    });
}
