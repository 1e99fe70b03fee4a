using System.Text.Json;
using FastKube.Api.Core;
using FastKube.Api.Serialization;
using FastKube.Client;
using FastKube.Client.Events;
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
    private readonly EventRecorder _events = new(client, Component, time, logger);

    public void OnScheduled(Pod pod, string nodeName) =>
        _events.Record(pod, EventRecorder.Normal, "Scheduled", SchedulingMessages.Scheduled(pod, nodeName));

    public void OnFailedScheduling(Pod pod, string reason, string message) => Background(async () =>
    {
        var condition = SchedulingMessages.UnschedulableCondition(reason, message, time.GetUtcNow());
        var patch = "{\"status\":{\"conditions\":[" + KubeJson.SerializeToString(condition) + "]}}";
        _events.Record(pod, EventRecorder.Warning, "FailedScheduling", message);
        await _pods.PatchStatusAsync(pod.Metadata!.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, patch).ConfigureAwait(false);
    });

    public void OnNominated(Pod pod, string? nodeName) => Background(() =>
        _pods.PatchStatusAsync(pod.Metadata!.Namespace, pod.Metadata.Name!, PatchType.Merge, "{\"status\":{\"nominatedNodeName\":" + JsonSerializer.Serialize(nodeName, KubeJsonContext.Default.String) + "}}"));

    public void OnPreempted(Pod victim, Pod preemptor, string nodeName) => Background(async () =>
    {
        _events.Record(victim, EventRecorder.Normal, "Preempted", SchedulingMessages.Preempted(preemptor, nodeName));
        await _pods.DeleteAsync(victim.Metadata!.Namespace, victim.Metadata.Name!).ConfigureAwait(false);
    });

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
