using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Api.Policy;

namespace FastKube.Api.Validation;

/// <summary>
/// Entry point of object validation: every violation of the kind's upstream rules, each with its
/// field path. Objects are expected to be defaulted first (<see cref="Defaulting.Defaults.Apply"/>),
/// as the API server does; kinds without specific rules get ObjectMeta validation only.
/// </summary>
public static class Validator
{
    public static FieldErrorList Validate(KubeObject obj)
    {
        var errs = new FieldErrorList();
        switch (obj)
        {
            case Pod pod:
                PodValidation.ValidatePod(pod, errs);
                break;
            case Service service:
                ServiceValidation.Validate(service, errs);
                break;
            case Deployment deployment:
                WorkloadValidation.ValidateDeployment(deployment, errs);
                break;
            case ReplicaSet replicaSet:
                WorkloadValidation.ValidateReplicaSet(replicaSet, errs);
                break;
            case DaemonSet daemonSet:
                WorkloadValidation.ValidateDaemonSet(daemonSet, errs);
                break;
            case StatefulSet statefulSet:
                WorkloadValidation.ValidateStatefulSet(statefulSet, errs);
                break;
            case Job job:
                WorkloadValidation.ValidateJob(job, errs);
                break;
            case ConfigMap configMap:
                ConfigValidation.ValidateConfigMap(configMap, errs);
                break;
            case Secret secret:
                ConfigValidation.ValidateSecret(secret, errs);
                break;
            case Namespace ns:
                ClusterValidation.ValidateNamespace(ns, errs);
                break;
            case Node node:
                ClusterValidation.ValidateNode(node, errs);
                break;
            case ServiceAccount serviceAccount:
                ClusterValidation.ValidateServiceAccount(serviceAccount, errs);
                break;
            case Event ev:
                ClusterValidation.ValidateEvent(ev, errs);
                break;
            case Lease lease:
                ClusterValidation.ValidateLease(lease, errs);
                break;
            case PodDisruptionBudget pdb:
                ClusterValidation.ValidatePodDisruptionBudget(pdb, errs);
                break;
            case EndpointSlice slice:
                ClusterValidation.ValidateEndpointSlice(slice, errs);
                break;
            default:
                var namespaced = !KubeTypes.TryGetByType(obj.GetType(), out var info) || info.Namespaced;
                MetaValidation.ValidateObjectMeta(obj.Metadata, namespaced, MetaValidation.DnsSubdomain, errs);
                break;
        }

        return errs;
    }

    /// <summary>
    /// Validation of an update: the new object's own rules plus the fields upstream freezes after
    /// create (metadata identity, apps/v1 selectors, a Service's cluster IP, a Pod's spec apart
    /// from images, activeDeadlineSeconds and added tolerations, immutable ConfigMaps/Secrets).
    /// </summary>
    public static FieldErrorList ValidateUpdate(KubeObject next, KubeObject old)
    {
        switch (next, old)
        {
            case (Pod n, Pod o):
            {
                var errs = new FieldErrorList();
                PodValidation.ValidatePodUpdate(n, o, errs);
                return errs;
            }

            case (Service n, Service o):
            {
                var errs = new FieldErrorList();
                ServiceValidation.ValidateUpdate(n, o, errs);
                return errs;
            }

            case (ConfigMap n, ConfigMap o):
            {
                var errs = new FieldErrorList();
                ConfigValidation.ValidateConfigMapUpdate(n, o, errs);
                return errs;
            }

            case (Secret n, Secret o):
            {
                var errs = new FieldErrorList();
                ConfigValidation.ValidateSecretUpdate(n, o, errs);
                return errs;
            }
        }

        var result = Validate(next);
        if (next is not Event)
        {
            MetaValidation.ValidateIdentityUnchanged(next.Metadata, old.Metadata, result);
        }

        switch (next, old)
        {
            case (Deployment n, Deployment o):
                WorkloadValidation.ValidateSelectorUpdate(n.Spec?.Selector, o.Spec?.Selector, result);
                break;
            case (ReplicaSet n, ReplicaSet o):
                WorkloadValidation.ValidateSelectorUpdate(n.Spec?.Selector, o.Spec?.Selector, result);
                break;
            case (DaemonSet n, DaemonSet o):
                WorkloadValidation.ValidateSelectorUpdate(n.Spec?.Selector, o.Spec?.Selector, result);
                break;
            case (StatefulSet n, StatefulSet o):
                WorkloadValidation.ValidateStatefulSetUpdate(n, o, result);
                break;
            case (Job n, Job o):
                WorkloadValidation.ValidateSelectorUpdate(n.Spec?.Selector, o.Spec?.Selector, result);
                break;
        }

        return result;
    }
}
