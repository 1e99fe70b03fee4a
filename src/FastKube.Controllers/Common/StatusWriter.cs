using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Client;

namespace FastKube.Controllers.Common;

internal static class StatusWriter
{
    /// <summary>
    /// Writes <paramref name="status"/> through the status subresource on a copy of the cached object (its
    /// resourceVersion guards the write), unless it equals the current status.
    /// </summary>
    public static async Task WriteAsync<T, TStatus>(ResourceClient<T> client, T cached, TStatus? current, TStatus status, Action<T, TStatus> set, CancellationToken cancellationToken)
        where T : KubeObject
        where TStatus : class, new()
    {
        if (KubeJson.SerializeToString(status) == KubeJson.SerializeToString(current ?? new TStatus()))
        {
            return;
        }

        var copy = Objects.Copy(cached);
        set(copy, status);
        await client.UpdateStatusAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
