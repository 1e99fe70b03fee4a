namespace FastKube.Api.Core;

/// <summary>The values of <see cref="ServiceSpec.Type"/>, and the clusterIP of a headless service.</summary>
public static class ServiceTypes
{
    public const string ClusterIP = "ClusterIP";
    public const string NodePort = "NodePort";
    public const string LoadBalancer = "LoadBalancer";
    public const string ExternalName = "ExternalName";
    public const string ClusterIPNone = "None";
}
