using System.Text;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Client;

namespace FastKube.NodeAgent.Pods;

/// <summary><see cref="IPodApi"/> on the API server, the way upstream's status manager writes.</summary>
internal sealed class ApiPodWriter(KubeClient client) : IPodApi
{
    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();

    public async Task PatchStatusAsync(Pod pod, PodStatus status, CancellationToken ct)
    {
        // A merge patch replaces the status' lists whole; metadata.uid makes the server refuse the patch
        // if the name now belongs to a newer pod (upstream's status manager does the same).
        var patch = new StringBuilder()
            .Append("{\"metadata\":{\"uid\":\"").Append(pod.Metadata?.Uid).Append("\"},\"status\":")
            .Append(KubeJson.SerializeToString(status))
            .Append('}')
            .ToString();
        await _pods.PatchStatusAsync(pod.Metadata?.Namespace, pod.Metadata?.Name ?? "", PatchType.Merge, patch, cancellationToken: ct).ConfigureAwait(false);
    }

    public async Task DeleteAsync(Pod pod, CancellationToken ct)
    {
        try
        {
            await _pods.DeleteAsync(pod.Metadata?.Namespace, pod.Metadata?.Name ?? "", new DeleteOptions
            {
                GracePeriodSeconds = 0,
                Preconditions = new Preconditions { Uid = pod.Metadata?.Uid },
            }, ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound || e.IsConflict)
        {
            // Already gone, or the name belongs to a newer pod: nothing of ours left to delete.
        }
    }
}
