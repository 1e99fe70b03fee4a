using FastKube.Api.Core;
using FastKube.Client;

namespace FastKube.Scheduler.Hosting;

/// <summary>Binds through the API server: <c>POST pods/{name}/binding</c>, as kube-scheduler does.</summary>
internal sealed class ApiBinder(ResourceClient<Pod> pods) : IPodBinder
{
    public async ValueTask<BindResult> BindAsync(Pod pod, string nodeName, CancellationToken cancellationToken)
    {
        try
        {
            await pods.BindAsync(pod.Metadata!.Namespace!, pod.Metadata.Name!, nodeName, cancellationToken).ConfigureAwait(false);
            return BindResult.Success;
        }
        catch (KubeApiException exception)
        {
            return BindResult.Failed($"binding rejected: {exception.Message}");
        }
    }
}
