using FastKube.Api.Core;

namespace FastKube.NodeAgent.Containers;

/// <summary>
/// Where the kubelet pieces read the ConfigMaps and Secrets a pod refers to (env, envFrom, configMap and
/// secret volumes). Null means the object does not exist; transport failures throw.
/// </summary>
internal interface IPodResourceSource
{
    ValueTask<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken);

    ValueTask<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken);
}
