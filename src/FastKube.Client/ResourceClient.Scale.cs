using FastKube.Api.Autoscaling;

namespace FastKube.Client;

public sealed partial class ResourceClient<T>
{
    // The scale subresource is read as JSON: the server's MessagePack encoder covers only registry kinds.

    /// <summary>Reads the /scale subresource (deployments, replicasets, statefulsets).</summary>
    public Task<Scale> GetScaleAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Get, ScalePath(ns, name), null, msgpack: false, KubeClient.ReadObjectAsync<Scale>, cancellationToken);

    /// <summary>Sets spec.replicas through the /scale subresource; <paramref name="scale"/>'s resourceVersion, when set, must be current.</summary>
    public Task<Scale> UpdateScaleAsync(string ns, string name, Scale scale, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Put, ScalePath(ns, name), JsonBody(scale), msgpack: false, KubeClient.ReadObjectAsync<Scale>, cancellationToken);

    private string ScalePath(string ns, string name) =>
        Info.HasScale ? Path(ObjectNamespace(ns), name, "scale") : throw new NotSupportedException($"{Info.Resource} have no scale subresource");
}
