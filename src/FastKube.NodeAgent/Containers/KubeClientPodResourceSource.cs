using FastKube.Api.Core;
using FastKube.Client;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// Reads ConfigMaps and Secrets straight from the API server on every call, as upstream's "Get" change
/// detection strategy does; the loop may put a cache in front by implementing <see cref="IPodResourceSource"/> itself.
/// </summary>
internal sealed class KubeClientPodResourceSource(KubeClient client) : IPodResourceSource
{
    public async ValueTask<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        await client.Resource<ConfigMap>().TryGetAsync(ns, name, cancellationToken).ConfigureAwait(false);

    public async ValueTask<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        await client.Resource<Secret>().TryGetAsync(ns, name, cancellationToken).ConfigureAwait(false);
}
