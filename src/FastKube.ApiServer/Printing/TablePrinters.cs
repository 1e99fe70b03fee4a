using System.Globalization;
using FastKube.Api;
using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Api.Policy;
using FastKube.Api.Scheduling;

namespace FastKube.ApiServer.Printing;

/// <summary>A column of a server-side table: priority 0 is always shown, 1 only with <c>-o wide</c>.</summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "");

/// <summary>The columns of one kind and how to fill a row from an object.</summary>
internal sealed record TablePrinter(TableColumn[] Columns, Func<KubeObject, DateTimeOffset, object?[]> Cells);

/// <summary>
/// The <c>kubectl get</c> columns of upstream's printers (pkg/printers/internalversion) for the served
/// kinds; other kinds get upstream's default table (Name, Created At).
/// </summary>
internal static class TablePrinters
{
    private const string NameDescription = "Name must be unique within a namespace.";
    private static readonly TableColumn Name = new("Name", "string", NameDescription, 0, "name");
    private static readonly TableColumn Age = new("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created.");

    private static readonly Dictionary<Type, TablePrinter> Printers = new()
    {
        [typeof(Pod)] = new([Name, Col("Ready"), Col("Status"), Col("Restarts"), Age, Col("IP", 1), Col("Node", 1), Col("Nominated Node", 1), Col("Readiness Gates", 1)], (o, now) => PodRow((Pod)o, now)),
        [typeof(Namespace)] = new([Name, Col("Status"), Age], (o, now) => [o.Metadata?.Name, ((Namespace)o).Status?.Phase, HumanDuration.Age(o.Metadata?.CreationTimestamp, now)]),
        [typeof(ConfigMap)] = new([Name, Col("Data", type: "integer"), Age], (o, now) => [o.Metadata?.Name, (((ConfigMap)o).Data?.Count ?? 0) + (((ConfigMap)o).BinaryData?.Count ?? 0), AgeOf(o, now)]),
        [typeof(Secret)] = new([Name, Col("Type"), Col("Data", type: "integer"), Age], (o, now) => [o.Metadata?.Name, ((Secret)o).Type, ((Secret)o).Data?.Count ?? 0, AgeOf(o, now)]),
        [typeof(ServiceAccount)] = new([Name, Col("Secrets", type: "integer"), Age], (o, now) => [o.Metadata?.Name, ((ServiceAccount)o).Secrets?.Count ?? 0, AgeOf(o, now)]),
        [typeof(Service)] = new([Name, Col("Type"), Col("Cluster-IP"), Col("External-IP"), Col("Port(s)"), Age, Col("Selector", 1)], (o, now) => ServiceRow((Service)o, now)),
        [typeof(Endpoints)] = new([Name, Col("Endpoints"), Age], (o, now) => [o.Metadata?.Name, EndpointsText((Endpoints)o), AgeOf(o, now)]),
        [typeof(Node)] = new([Name, Col("Status"), Col("Roles"), Age, Col("Version"), Col("Internal-IP", 1), Col("External-IP", 1), Col("OS-Image", 1), Col("Kernel-Version", 1), Col("Container-Runtime", 1)], (o, now) => NodeRow((Node)o, now)),
        [typeof(Event)] = new([Col("Last Seen"), Col("Type"), Col("Reason"), Col("Object"), Col("Message"), Col("Subobject", 1), Col("Source", 1), Col("First Seen", 1), Col("Count", 1, "integer"), Col("Name", 1)], (o, now) => EventRow((Event)o, now)),
        [typeof(Deployment)] = new([Name, Col("Ready"), Col("Up-to-date", type: "integer"), Col("Available", type: "integer"), Age, Col("Containers", 1), Col("Images", 1), Col("Selector", 1)], (o, now) => DeploymentRow((Deployment)o, now)),
        [typeof(ReplicaSet)] = new([Name, Col("Desired", type: "integer"), Col("Current", type: "integer"), Col("Ready", type: "integer"), Age, Col("Containers", 1), Col("Images", 1), Col("Selector", 1)], (o, now) => ReplicaSetRow((ReplicaSet)o, now)),
        [typeof(DaemonSet)] = new([Name, Col("Desired", type: "integer"), Col("Current", type: "integer"), Col("Ready", type: "integer"), Col("Up-to-date", type: "integer"), Col("Available", type: "integer"), Col("Node Selector"), Age, Col("Containers", 1), Col("Images", 1), Col("Selector", 1)], (o, now) => DaemonSetRow((DaemonSet)o, now)),
        [typeof(StatefulSet)] = new([Name, Col("Ready"), Age, Col("Containers", 1), Col("Images", 1)], (o, now) => StatefulSetRow((StatefulSet)o, now)),
        [typeof(Job)] = new([Name, Col("Status"), Col("Completions"), Col("Duration"), Age, Col("Containers", 1), Col("Images", 1), Col("Selector", 1)], (o, now) => JobRow((Job)o, now)),
        [typeof(EndpointSlice)] = new([Name, Col("AddressType"), Col("Ports"), Col("Endpoints"), Age], (o, now) => EndpointSliceRow((EndpointSlice)o, now)),
        [typeof(Lease)] = new([Name, Col("Holder"), Age], (o, now) => [o.Metadata?.Name, ((Lease)o).Spec?.HolderIdentity ?? "", AgeOf(o, now)]),
        [typeof(PodDisruptionBudget)] = new([Name, Col("Min Available"), Col("Max Unavailable"), Col("Allowed Disruptions", type: "integer"), Age], (o, now) => PdbRow((PodDisruptionBudget)o, now)),
        [typeof(PriorityClass)] = new([Name, Col("Value", type: "integer"), Col("Global-Default"), Age, Col("PreemptionPolicy", 1)], (o, now) => PriorityClassRow((PriorityClass)o, now)),
    };

    private static readonly TablePrinter Default = new(
        [Name, new TableColumn("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created.")],
        (o, _) => [o.Metadata?.Name, o.Metadata?.CreationTimestamp?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)]);

    public static TablePrinter For(KubeTypeInfo info) => Printers.GetValueOrDefault(info.Type, Default);

    private static TableColumn Col(string name, int priority = 0, string type = "string") => new(name, type, name, priority);

    private static string AgeOf(KubeObject o, DateTimeOffset now) => HumanDuration.Age(o.Metadata?.CreationTimestamp, now);

    private static string OrNone(string? text) => string.IsNullOrEmpty(text) ? "<none>" : text;

    private static object?[] PodRow(Pod pod, DateTimeOffset now)
    {
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var containers = pod.Spec?.Containers?.Count ?? 0;
        var ready = statuses.Count(s => s.Ready == true);
        var restarts = statuses.Sum(s => s.RestartCount ?? 0);
        var lastRestart = statuses.Select(s => s.LastState?.Terminated?.FinishedAt).Where(t => t is not null).Max();
        var restartText = lastRestart is null || restarts == 0
            ? restarts.ToString(CultureInfo.InvariantCulture)
            : $"{restarts.ToString(CultureInfo.InvariantCulture)} ({HumanDuration.Age(lastRestart, now)} ago)";
        var gates = pod.Spec?.ReadinessGates;
        var readinessGates = gates is null or { Count: 0 }
            ? "<none>"
            : $"{gates.Count(g => pod.Status?.Conditions?.Any(c => c.Type == g.ConditionType && c.Status == "True") == true)}/{gates.Count}";
        return [pod.Metadata?.Name, $"{ready}/{containers}", PodStatusText(pod), restartText, AgeOf(pod, now),
            OrNone(pod.Status?.PodIP), OrNone(pod.Spec?.NodeName), OrNone(pod.Status?.NominatedNodeName), readinessGates];
    }

    // The STATUS column: the pod's reason, else the most telling container state, else the phase (upstream printPod, simplified).
    private static string PodStatusText(Pod pod)
    {
        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            return "Terminating";
        }

        foreach (var status in pod.Status?.InitContainerStatuses ?? [])
        {
            if (status.State?.Terminated is { ExitCode: not 0 } failed)
            {
                return "Init:" + (failed.Reason ?? "Error");
            }

            if (status.State?.Waiting?.Reason is { Length: > 0 } reason && reason != "PodInitializing")
            {
                return "Init:" + reason;
            }
        }

        var text = pod.Status?.Reason ?? pod.Status?.Phase ?? "Pending";
        foreach (var status in pod.Status?.ContainerStatuses ?? [])
        {
            if (status.State?.Waiting?.Reason is { Length: > 0 } waiting)
            {
                text = waiting;
            }
            else if (status.State?.Terminated is { } terminated)
            {
                text = terminated.Reason ?? (terminated.Signal is > 0 ? $"Signal:{terminated.Signal}" : $"ExitCode:{terminated.ExitCode}");
            }
        }

        return text;
    }

    private static object?[] ServiceRow(Service service, DateTimeOffset now)
    {
        var spec = service.Spec;
        var external = spec?.Type switch
        {
            "ExternalName" => spec.ExternalName ?? "<none>",
            "LoadBalancer" => service.Status?.LoadBalancer?.Ingress is { Count: > 0 } ingress
                ? string.Join(',', ingress.Select(i => i.IP ?? i.Hostname))
                : "<pending>",
            _ => spec?.ExternalIPs is { Count: > 0 } ips ? string.Join(',', ips) : "<none>",
        };
        var ports = spec?.Ports is { Count: > 0 } list
            ? string.Join(',', list.Select(p => p.NodePort is > 0 ? $"{p.Port}:{p.NodePort}/{p.Protocol}" : $"{p.Port}/{p.Protocol}"))
            : "<none>";
        var selector = spec?.Selector is { Count: > 0 } s ? string.Join(',', s.Select(kv => $"{kv.Key}={kv.Value}")) : "<none>";
        return [service.Metadata?.Name, spec?.Type, OrNone(spec?.ClusterIP), external, ports, AgeOf(service, now), selector];
    }

    private static string EndpointsText(Endpoints endpoints)
    {
        var addresses = (endpoints.Subsets ?? []).SelectMany(s => (s.Addresses ?? []).SelectMany(a => (s.Ports is { Count: > 0 } p ? p : [new Api.Core.EndpointPort()]).Select(port => port.Port is null ? a.IP : $"{a.IP}:{port.Port}"))).ToList();
        return addresses.Count == 0 ? "<none>" : string.Join(',', addresses.Take(3)) + (addresses.Count > 3 ? $" + {addresses.Count - 3} more..." : "");
    }

    private static object?[] NodeRow(Node node, DateTimeOffset now)
    {
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var status = ready?.Status switch { "True" => "Ready", "False" => "NotReady", _ => "Unknown" };
        if (node.Spec?.Unschedulable == true)
        {
            status += ",SchedulingDisabled";
        }

        const string rolePrefix = "node-role.kubernetes.io/";
        var roles = (node.Metadata?.Labels ?? []).Keys.Where(k => k.StartsWith(rolePrefix, StringComparison.Ordinal)).Select(k => k[rolePrefix.Length..]).Where(r => r.Length > 0).Order(StringComparer.Ordinal).ToList();
        var info = node.Status?.NodeInfo;
        string Address(string type) => OrNone(node.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address);
        return [node.Metadata?.Name, status, roles.Count == 0 ? "<none>" : string.Join(',', roles), AgeOf(node, now), info?.KubeletVersion ?? "",
            Address("InternalIP"), Address("ExternalIP"), OrNone(info?.OsImage), OrNone(info?.KernelVersion), OrNone(info?.ContainerRuntimeVersion)];
    }

    private static object?[] EventRow(Event e, DateTimeOffset now)
    {
        var last = e.LastTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp;
        var first = e.FirstTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp;
        var involved = e.InvolvedObject;
        return [HumanDuration.Age(last, now), e.Type, e.Reason, $"{involved?.Kind?.ToLowerInvariant()}/{involved?.Name}", e.Message,
            involved?.FieldPath ?? "", e.Source?.Component ?? e.ReportingComponent ?? "", HumanDuration.Age(first, now), e.Count ?? 1, e.Metadata?.Name];
    }

    private static object?[] DeploymentRow(Deployment d, DateTimeOffset now) =>
        [d.Metadata?.Name, $"{d.Status?.ReadyReplicas ?? 0}/{d.Spec?.Replicas ?? 0}", d.Status?.UpdatedReplicas ?? 0, d.Status?.AvailableReplicas ?? 0, AgeOf(d, now),
            .. Template(d.Spec?.Template), SelectorText(d.Spec?.Selector)];

    private static object?[] ReplicaSetRow(ReplicaSet r, DateTimeOffset now) =>
        [r.Metadata?.Name, r.Spec?.Replicas ?? 0, r.Status?.Replicas ?? 0, r.Status?.ReadyReplicas ?? 0, AgeOf(r, now), .. Template(r.Spec?.Template), SelectorText(r.Spec?.Selector)];

    private static object?[] DaemonSetRow(DaemonSet d, DateTimeOffset now)
    {
        var s = d.Status;
        var nodeSelector = d.Spec?.Template?.Spec?.NodeSelector is { Count: > 0 } ns ? string.Join(',', ns.Select(kv => $"{kv.Key}={kv.Value}")) : "<none>";
        return [d.Metadata?.Name, s?.DesiredNumberScheduled ?? 0, s?.CurrentNumberScheduled ?? 0, s?.NumberReady ?? 0, s?.UpdatedNumberScheduled ?? 0, s?.NumberAvailable ?? 0,
            nodeSelector, AgeOf(d, now), .. Template(d.Spec?.Template), SelectorText(d.Spec?.Selector)];
    }

    private static object?[] StatefulSetRow(StatefulSet s, DateTimeOffset now) =>
        [s.Metadata?.Name, $"{s.Status?.ReadyReplicas ?? 0}/{s.Spec?.Replicas ?? 0}", AgeOf(s, now), .. Template(s.Spec?.Template)];

    private static object?[] JobRow(Job job, DateTimeOffset now)
    {
        var conditions = job.Status?.Conditions ?? [];
        bool Has(string type) => conditions.Any(c => c.Type == type && c.Status == "True");
        // Upstream 1.32's order, including the interim conditions of a Job on its way to a terminal state.
        var status = Has("Complete") ? "Complete" : Has("Failed") ? "Failed" : job.Metadata?.DeletionTimestamp is not null ? "Terminating"
            : Has("Suspended") ? "Suspended" : Has("FailureTarget") ? "FailureTarget" : Has("SuccessCriteriaMet") ? "SuccessCriteriaMet" : "Running";
        var completions = job.Spec?.Completions is { } wanted ? $"{job.Status?.Succeeded ?? 0}/{wanted}" : $"{job.Status?.Succeeded ?? 0}/1 of {job.Spec?.Parallelism ?? 1}";
        var start = job.Status?.StartTime;
        var duration = start is null ? "" : HumanDuration.Format((job.Status?.CompletionTime ?? now) - start.Value);
        return [job.Metadata?.Name, status, completions, duration, AgeOf(job, now), .. Template(job.Spec?.Template), SelectorText(job.Spec?.Selector)];
    }

    private static object?[] EndpointSliceRow(EndpointSlice slice, DateTimeOffset now)
    {
        var ports = slice.Ports is { Count: > 0 } p ? string.Join(',', p.Select(x => x.Port?.ToString(CultureInfo.InvariantCulture) ?? "<unset>")) : "<unset>";
        var addresses = (slice.Endpoints ?? []).SelectMany(e => e.Addresses ?? []).ToList();
        var endpoints = addresses.Count == 0 ? "<unset>" : string.Join(',', addresses.Take(3)) + (addresses.Count > 3 ? $" + {addresses.Count - 3} more..." : "");
        return [slice.Metadata?.Name, slice.AddressType, ports, endpoints, AgeOf(slice, now)];
    }

    private static object?[] PdbRow(PodDisruptionBudget pdb, DateTimeOffset now) =>
        [pdb.Metadata?.Name, pdb.Spec?.MinAvailable?.ToString() ?? "N/A", pdb.Spec?.MaxUnavailable?.ToString() ?? "N/A", pdb.Status?.DisruptionsAllowed ?? 0, AgeOf(pdb, now)];

    private static object?[] PriorityClassRow(PriorityClass pc, DateTimeOffset now) =>
        [pc.Metadata?.Name, pc.Value ?? 0, pc.GlobalDefault == true ? "true" : "false", AgeOf(pc, now), pc.PreemptionPolicy ?? "PreemptLowerPriority"];

    private static object?[] Template(PodTemplateSpec? template)
    {
        var containers = template?.Spec?.Containers ?? [];
        return [string.Join(',', containers.Select(c => c.Name)), string.Join(',', containers.Select(c => c.Image))];
    }

    private static string SelectorText(LabelSelector? selector) =>
        Api.Labels.Selector.TryFrom(selector, out var parsed, out _) && !parsed.IsEverything ? parsed.ToString() : "<none>";
}
