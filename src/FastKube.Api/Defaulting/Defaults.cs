using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;

namespace FastKube.Api.Defaulting;

/// <summary>
/// Fills absent fields the way upstream's SetDefaults_* functions (k8s.io/kubernetes
/// pkg/apis/*/v1/defaults.go, run by the generated defaulters on every decode) and the few
/// registry PrepareForCreate steps that behave like defaults do. Values already set are never
/// touched, so applying twice changes nothing.
/// </summary>
public static partial class Defaults
{
    /// <summary>Applies the defaults of the object's kind; kinds without defaults are left alone.</summary>
    public static void Apply(KubeObject obj)
    {
        switch (obj)
        {
            case Pod pod:
                ApplyPod(pod);
                break;
            case Service service:
                ApplyService(service);
                break;
            case Secret secret:
                ApplySecret(secret);
                break;
            case Namespace ns:
                ApplyNamespace(ns);
                break;
            case Node node:
                ApplyNode(node);
                break;
            case Endpoints endpoints:
                ApplyEndpoints(endpoints);
                break;
            case Deployment deployment:
                ApplyDeployment(deployment);
                break;
            case ReplicaSet replicaSet:
                ApplyReplicaSet(replicaSet);
                break;
            case DaemonSet daemonSet:
                ApplyDaemonSet(daemonSet);
                break;
            case StatefulSet statefulSet:
                ApplyStatefulSet(statefulSet);
                break;
            case Job job:
                ApplyJob(job);
                break;
            case EndpointSlice slice:
                ApplyEndpointSlice(slice);
                break;
        }
    }
}
