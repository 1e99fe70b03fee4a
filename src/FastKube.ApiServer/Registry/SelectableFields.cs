using System.Globalization;
using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.ApiServer.Registry;

/// <summary>
/// The fields each kind supports in <c>fieldSelector</c> (upstream's per-registry GetAttrs /
/// field label conversion); every kind has metadata.name and metadata.namespace.
/// </summary>
internal static class SelectableFields
{
    /// <summary>The value of <paramref name="field"/> on <paramref name="obj"/>, or false when the kind does not support that field.</summary>
    public static bool TryGet(KubeObject obj, string field, out string? value)
    {
        switch (field)
        {
            case "metadata.name":
                value = obj.Metadata?.Name;
                return true;
            case "metadata.namespace":
                value = obj.Metadata?.Namespace;
                return true;
            default:
                value = Specific(obj, field, out var supported);
                return supported;
        }
    }

    private static string? Specific(KubeObject obj, string field, out bool supported)
    {
        supported = true;
        switch (obj, field)
        {
            case (Pod p, "spec.nodeName"): return p.Spec?.NodeName;
            case (Pod p, "spec.restartPolicy"): return p.Spec?.RestartPolicy;
            case (Pod p, "spec.schedulerName"): return p.Spec?.SchedulerName;
            case (Pod p, "spec.serviceAccountName"): return p.Spec?.ServiceAccountName;
            case (Pod p, "spec.hostNetwork"): return (p.Spec?.HostNetwork ?? false) ? "true" : "false";
            case (Pod p, "status.phase"): return p.Status?.Phase;
            case (Pod p, "status.podIP"): return p.Status?.PodIP;
            case (Pod p, "status.nominatedNodeName"): return p.Status?.NominatedNodeName;
            case (Node n, "spec.unschedulable"): return (n.Spec?.Unschedulable ?? false) ? "true" : "false";
            case (Namespace n, "status.phase"): return n.Status?.Phase;
            case (Secret s, "type"): return s.Type;
            case (Event e, "involvedObject.kind"): return e.InvolvedObject?.Kind;
            case (Event e, "involvedObject.namespace"): return e.InvolvedObject?.Namespace;
            case (Event e, "involvedObject.name"): return e.InvolvedObject?.Name;
            case (Event e, "involvedObject.uid"): return e.InvolvedObject?.Uid;
            case (Event e, "involvedObject.apiVersion"): return e.InvolvedObject?.ApiVersion;
            case (Event e, "involvedObject.resourceVersion"): return e.InvolvedObject?.ResourceVersion;
            case (Event e, "involvedObject.fieldPath"): return e.InvolvedObject?.FieldPath;
            case (Event e, "reason"): return e.Reason;
            case (Event e, "reportingComponent"): return e.ReportingComponent;
            case (Event e, "source"): return e.Source?.Component;
            case (Event e, "type"): return e.Type;
            case (Api.Apps.ReplicaSet r, "status.replicas"): return (r.Status?.Replicas ?? 0).ToString(CultureInfo.InvariantCulture);
            case (Api.Batch.Job j, "status.successful"): return (j.Status?.Succeeded ?? 0).ToString(CultureInfo.InvariantCulture);
            default:
                supported = false;
                return null;
        }
    }
}
